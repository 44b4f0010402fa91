using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsvHelper;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Masking;

/// <summary>
/// Masks a sandbox's records in place through Bulk API 2.0, object by object: a query job of the Id and the fields
/// the rules mask, its results read page by page, each page masked as a CSV export is (the same keyed masks, so
/// what was masked in files joins with what is masked here), and sent back as an update job whose successful,
/// failed and unprocessed records are read. A ledger per org remembers what Salesforce reported masked, so a
/// second run after a failure masks only what is left. Never runs on a production org. Who the org is (its id, and
/// whether it is a sandbox) is asked of the org on each run, never taken from the connection: a refresh gives a
/// sandbox a new organization id behind a connection made before it, and the new copy's records, unmasked, carry
/// the ids of the old copy's masked ones.
/// </summary>
public sealed class SandboxDataMasker
{
    public const int DefaultPageSize = 50_000;
    private readonly OrgConnection _org;
    private readonly MaskingRules _rules;
    private readonly Masker _masker;
    private readonly string _ledgers;
    private readonly EngineContext _context;
    private readonly int _pageSize;
    private readonly BulkApi _bulk;
    private readonly CsvMasker _csv;
    private readonly OrgData _data;
    private string? _liveOrgId;

    public SandboxDataMasker(OrgConnection org, MaskingRules rules, Masker masker, string ledgers, EngineContext context, int pageSize = DefaultPageSize)
    {
        if (!org.IsSandbox)
        {
            throw Refused(org);
        }

        _org = org;
        _rules = rules;
        _masker = masker;
        _ledgers = ledgers;
        _context = context;
        _pageSize = pageSize;
        _bulk = new BulkApi(org.Rest);
        _csv = new CsvMasker(context);
        _data = new OrgData(org);
    }

    /// <summary>The fields the rules mask on an object (keep leaves a field out); an error when there are none, or a rule names the record's Id.</summary>
    public IReadOnlyList<string> FieldsOf(string objectName)
    {
        var fields = _rules.For(objectName).Where(f => f.Value.Method != MaskingMethod.Keep).Select(f => f.Key).OrderBy(f => f, StringComparer.OrdinalIgnoreCase).ToList();
        if (fields.Count == 0)
        {
            throw new MaskingException(FailureKind.InvalidArgument, "NoRulesForObject", $"The rules mask no field of '{objectName}' (they name {string.Join(", ", _rules.All.Select(r => r.Object).Distinct())}). Add rules for it, or leave it out of -Object.");
        }

        if (fields.Any(f => string.Equals(f, "Id", StringComparison.OrdinalIgnoreCase)))
        {
            throw new MaskingException(FailureKind.InvalidArgument, "IdNotMaskable", $"The rules mask {objectName}.Id: a record's Id is how Salesforce finds it, and cannot be changed in place. Remove that rule to mask {objectName} in a sandbox.");
        }

        return fields;
    }

    /// <summary>How many records the object has and how many an earlier run masked; reads, changes nothing.</summary>
    public async Task<SandboxMaskPlan> PlanAsync(string objectName)
    {
        var fields = FieldsOf(objectName);
        var orgId = await LiveOrgIdAsync().ConfigureAwait(false);
        var records = await _data.CountAsync(objectName, _context.Cancellation).ConfigureAwait(false);
        return new SandboxMaskPlan(_org.Name, objectName, fields, records, MaskingLedger.CountIn(_ledgers, orgId, objectName, RulesOf(objectName)));
    }

    /// <summary>Masks every record of the object that no earlier run masked.</summary>
    public async Task<SandboxMaskResult> MaskAsync(string objectName)
    {
        var cancellation = _context.Cancellation;
        var fields = FieldsOf(objectName);
        var tally = new MaskTally();
        using var ledger = MaskingLedger.Open(_ledgers, await LiveOrgIdAsync().ConfigureAwait(false), objectName, RulesOf(objectName), _masker.KeyFingerprint);
        using var work = StagedOutput.TemporaryFolder("sandboxops-mask-");
        Directory.CreateDirectory(work.Path);

        // A run that died while an update job ran: what Salesforce did with that job is recorded first.
        foreach (var unfinished in ledger.UnfinishedJobs.ToList())
        {
            var job = await _bulk.WaitAsync(BulkJob.Known(unfinished, BulkJobKind.Ingest), cancellation).ConfigureAwait(false);
            await RecordMaskedAsync(job, ledger, work.Path).ConfigureAwait(false);
            ledger.Finished(job.Id);
        }

        var activity = $"Masking {objectName} in {_org.Name}";
        _context.Observer.ReportProgress(new OperationProgress(activity, "Bulk query of " + string.Join(", ", fields), 0, 0));
        var query = await _bulk.QueryAsync($"SELECT Id, {string.Join(", ", fields)} FROM {objectName}", cancellation).ConfigureAwait(false);
        if (!query.Completed)
        {
            throw new MaskingException(FailureKind.InvalidData, "QueryJobFailed", $"Salesforce's Bulk query of {objectName} (job {query.Id}) ended {query.State}: {query.Error ?? "no reason given"}. Nothing of {objectName} was changed.");
        }

        tally.Records = query.Processed;
        string? locator = null;
        var page = 0;
        long read = 0;
        do
        {
            var pageFile = Path.Combine(work.Path, $"page-{page}.csv");
            var maskedFile = Path.Combine(work.Path, $"masked-{page}.csv");
            (var records, locator) = await _bulk.ResultsAsync(query, locator, _pageSize, pageFile, cancellation).ConfigureAwait(false);
            var reports = _csv.ProtectForUpdate(pageFile, objectName, _rules, _masker, maskedFile, ledger.Contains);
            var toMask = reports.Count == 0 ? 0 : reports[0].Rows;
            read += Math.Max(records, toMask);
            tally.AlreadyMasked += Math.Max(0, records - toMask);
            var completed = toMask == 0 || await UpdateAsync(objectName, maskedFile, ledger, tally, work.Path, cancellation).ConfigureAwait(false);
            File.Delete(pageFile);
            File.Delete(maskedFile);
            _context.Observer.ReportProgress(new OperationProgress(activity, $"{read.ToString("N0", CultureInfo.InvariantCulture)} of {tally.Records.ToString("N0", CultureInfo.InvariantCulture)} records", read, tally.Records));
            if (!completed)
            {
                // A job Salesforce failed or aborted is not followed by more of the same: the pages not read are left for the next run.
                tally.Unprocessed += Math.Max(0, tally.Records - read);
                break;
            }

            page++;
        }
        while (locator is not null);

        return new SandboxMaskResult(_org.Name, objectName, fields, tally, ledger.Path);
    }

    /// <summary>The org's id as the org gives it now, once it has said it is a sandbox.</summary>
    public async Task<string> LiveOrgIdAsync()
    {
        if (_liveOrgId is null)
        {
            var organization = (await _data.QueryAsync("SELECT Id, IsSandbox FROM Organization", _context.Cancellation).ConfigureAwait(false))[0];
            if (organization["IsSandbox"] is not true)
            {
                throw Refused(_org);
            }

            _liveOrgId = (string)organization["Id"]!;
        }

        return _liveOrgId;
    }

    private static MaskingException Refused(OrgConnection org) =>
        new(FailureKind.InvalidArgument, "ProductionRefused", $"'{org.Name}' is a production org ({org.OrganizationType}): its records are masked in sandboxes only, and there is no override. Connect the sandbox and give its alias.");

    /// <summary>
    /// One update job of a masked page: the records Salesforce masked go into the ledger, the ones it refused into the
    /// tally with its errors, the ones a failed or aborted job did not reach into the tally as unprocessed; false then.
    /// </summary>
    private async Task<bool> UpdateAsync(string objectName, string maskedFile, MaskingLedger ledger, MaskTally tally, string work, CancellationToken cancellation)
    {
        var job = await _bulk.StartUpdateAsync(objectName, maskedFile, made => ledger.Started(made.Id), cancellation).ConfigureAwait(false);
        tally.Job(job.Id);
        job = await _bulk.WaitAsync(job, cancellation).ConfigureAwait(false);
        tally.Masked += await RecordMaskedAsync(job, ledger, work).ConfigureAwait(false);
        if (job.Failed > 0 || !job.Completed)
        {
            foreach (var row in await RowsOfAsync(job, BulkRecords.Failed, work, "sf__Id", "sf__Error").ConfigureAwait(false))
            {
                tally.Failure(new MaskingFailure(objectName, row[0], row[1]));
            }
        }

        if (!job.Completed)
        {
            tally.Unprocessed += (await RowsOfAsync(job, BulkRecords.Unprocessed, work, "Id").ConfigureAwait(false)).Count;
            tally.Stopped = $"Salesforce's Bulk update job {job.Id} ended {job.State}: {job.Error ?? "no reason given"}";
        }

        ledger.Finished(job.Id);
        return job.Completed;
    }

    /// <summary>Reads a finished job's successful records into the ledger; how many there were.</summary>
    private async Task<long> RecordMaskedAsync(BulkJob job, MaskingLedger ledger, string work)
    {
        var ids = (await RowsOfAsync(job, BulkRecords.Successful, work, "sf__Id").ConfigureAwait(false)).Select(r => r[0]).ToList();
        ledger.Masked(ids);
        return ids.Count;
    }

    /// <summary>The named columns of a finished update job's successful, failed or unprocessed records.</summary>
    private async Task<List<string[]>> RowsOfAsync(BulkJob job, BulkRecords kind, string work, params string[] columns)
    {
        var file = Path.Combine(work, $"{job.Id}-{kind}.csv");
        await _bulk.RecordsAsync(job, kind, file, _context.Cancellation).ConfigureAwait(false);
        var rows = Rows(file, columns).ToList();
        File.Delete(file);
        return rows;
    }

    /// <summary>The rules of an object as one line: a ledger belongs to the rules it was kept under.</summary>
    private string RulesOf(string objectName) =>
        string.Join(",", _rules.For(objectName).OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase).Select(f => f.Key + ":" + f.Value));

    /// <summary>The named columns of each record of a Bulk API results file.</summary>
    private static IEnumerable<string[]> Rows(string file, params string[] columns)
    {
        using var reader = CsvReader.Create(File.OpenRead(file), new CsvReaderOptions { Separator = ',' }, false);
        var headers = reader.Headers.ToArray(); // read here: a header of a job with no such records, or nothing at all
        var at = columns.Select(c => Array.FindIndex(headers, h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase))).ToArray();
        while (reader.Read())
        {
            yield return at.Select(i => i < 0 ? string.Empty : reader.GetString(i)).ToArray();
        }
    }
}
