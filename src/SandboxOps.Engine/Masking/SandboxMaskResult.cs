using System.Collections.Generic;

namespace SandboxOps.Engine.Masking;

/// <summary>One record Salesforce refused to update with its masked values, and Salesforce's error (code: message).</summary>
public sealed class MaskingFailure
{
    public MaskingFailure(string objectName, string id, string error)
    {
        Object = objectName;
        Id = id;
        Error = error;
    }

#pragma warning disable CA1720 // the rules file's own word
    public string Object { get; }
#pragma warning restore CA1720

    public string Id { get; }

    public string Error { get; }

    public override string ToString() => $"{Object} {Id}: {Error}";
}

/// <summary>How many of an object's records a sandbox holds, and how many an earlier run already masked (what -WhatIf says).</summary>
public sealed class SandboxMaskPlan
{
    public SandboxMaskPlan(string org, string objectName, IReadOnlyList<string> fields, long records, long alreadyMasked)
    {
        Org = org;
        Object = objectName;
        Fields = fields;
        Records = records;
        AlreadyMasked = alreadyMasked;
    }

    public string Org { get; }

#pragma warning disable CA1720 // the rules file's own word
    public string Object { get; }
#pragma warning restore CA1720

    public IReadOnlyList<string> Fields { get; }

    public long Records { get; }

    public long AlreadyMasked { get; }

    public override string ToString() =>
        $"mask {Records - AlreadyMasked:N0} {Object} records ({string.Join(", ", Fields)}) in {Org}" + (AlreadyMasked > 0 ? $"; {AlreadyMasked:N0} masked by an earlier run are left as they are" : string.Empty);
}

/// <summary>What masking did to one object of a sandbox: records read, left (masked before), masked now, refused, not processed.</summary>
public sealed class SandboxMaskResult
{
    internal SandboxMaskResult(string org, string objectName, IReadOnlyList<string> fields, MaskTally tally, string ledger)
    {
        Org = org;
        Object = objectName;
        Fields = fields;
        Records = tally.Records;
        AlreadyMasked = tally.AlreadyMasked;
        Masked = tally.Masked;
        Failed = tally.Failed;
        Unprocessed = tally.Unprocessed;
        Failures = tally.Failures;
        Jobs = tally.Jobs;
        Stopped = tally.Stopped;
        Ledger = ledger;
    }

    public string Org { get; }

#pragma warning disable CA1720 // the rules file's own word
    public string Object { get; }
#pragma warning restore CA1720

    public IReadOnlyList<string> Fields { get; }

    /// <summary>Records the sandbox holds (Bulk query).</summary>
    public long Records { get; }

    /// <summary>Records an earlier run masked, left as they are.</summary>
    public long AlreadyMasked { get; }

    /// <summary>Records Salesforce updated with masked values in this run.</summary>
    public long Masked { get; }

    /// <summary>Records Salesforce refused (see <see cref="Failures"/>); a second run tries them again.</summary>
    public long Failed { get; }

    /// <summary>Records not reached: an update job Salesforce failed or aborted did not process them, or the run stopped at that job before their page. A second run masks them.</summary>
    public long Unprocessed { get; }

    /// <summary>Why the object's masking stopped before its end (the update job Salesforce failed or aborted, and its reason); null when it did not.</summary>
    public string? Stopped { get; }

    /// <summary>The refused records with Salesforce's errors (the first <see cref="MaskTally.FailuresKept"/>).</summary>
    public IReadOnlyList<MaskingFailure> Failures { get; }

    /// <summary>The Bulk API update jobs of this run, for Setup's Bulk Data Load Jobs page.</summary>
    public IReadOnlyList<string> Jobs { get; }

    /// <summary>The file that remembers what is masked, so a second run masks only what is left.</summary>
    public string Ledger { get; }

    /// <summary>Every record of the object is masked.</summary>
    public bool Complete => Failed == 0 && Unprocessed == 0 && Stopped is null;

    public override string ToString() => $"{Object}: {Masked:N0} masked, {AlreadyMasked:N0} before, {Failed:N0} failed, {Unprocessed:N0} unprocessed of {Records:N0}";
}

/// <summary>The counts of one object's masking as it goes.</summary>
internal sealed class MaskTally
{
    public const int FailuresKept = 1000;
    private readonly List<MaskingFailure> _failures = new();
    private readonly List<string> _jobs = new();

    public long Records { get; set; }

    public long AlreadyMasked { get; set; }

    public long Masked { get; set; }

    public long Failed { get; private set; }

    public long Unprocessed { get; set; }

    public string? Stopped { get; set; }

    public IReadOnlyList<MaskingFailure> Failures => _failures;

    public IReadOnlyList<string> Jobs => _jobs;

    public void Job(string id) => _jobs.Add(id);

    public void Failure(MaskingFailure failure)
    {
        Failed++;
        if (_failures.Count < FailuresKept)
        {
            _failures.Add(failure);
        }
    }
}
