using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// A production org's sandboxes through the Tooling API, as <c>sf org refresh sandbox</c> drives them: the
/// sandbox's <c>SandboxInfo</c> read, then updated (which queues the refresh), and the newest
/// <c>SandboxProcess</c> of the sandbox followed until it ends; a copy that waits for activation is activated by
/// setting the process's <c>RefreshAction</c>.
/// </summary>
public sealed class SandboxApi
{
    // The SandboxInfo fields a refresh sends back (the CLI's list, without the ones Salesforce sets itself).
    private static readonly string[] EditableFields = { "LicenseType", "TemplateId", "HistoryDays", "CopyChatter", "AutoActivate", "ApexClassId", "Description", "SourceId" };

    private readonly OrgConnection _production;
    private readonly RestApi _rest;

    public SandboxApi(OrgConnection production)
    {
        _production = production;
        _rest = production.Rest;
    }

    public OrgConnection Production => _production;

    /// <summary>Every copy the org has made that is not deleted, newest first.</summary>
    public async Task<IReadOnlyList<SandboxProcess>> ProcessesAsync(CancellationToken cancellation)
    {
        var records = await _rest.QueryAsync($"SELECT {SandboxProcess.Fields} FROM SandboxProcess ORDER BY CreatedDate DESC", tooling: true, cancellation).ConfigureAwait(false);
        return records.Select(SandboxProcess.From).Where(p => !p.Status.StartsWith("Del", StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The newest copy of a sandbox, or null when it has none.</summary>
    public async Task<SandboxProcess?> LatestAsync(string sandboxName, CancellationToken cancellation) =>
        (await ProcessesAsync(cancellation).ConfigureAwait(false)).FirstOrDefault(p => string.Equals(p.SandboxName, sandboxName, StringComparison.OrdinalIgnoreCase));

    public async Task<SandboxProcess> ProcessAsync(string processId, CancellationToken cancellation)
    {
        var records = await _rest.QueryAsync($"SELECT {SandboxProcess.Fields} FROM SandboxProcess WHERE Id = '{Quoted(processId)}'", tooling: true, cancellation).ConfigureAwait(false);
        return records.Count == 1
            ? SandboxProcess.From(records[0])
            : throw new SalesforceException("SandboxProcessNotFound", $"{_production.Name} has no sandbox process '{processId}'. Get-SandboxRefreshPlan lists the sandboxes and their latest processes.");
    }

    /// <summary>
    /// Queues a refresh: the sandbox's SandboxInfo read and written back with <paramref name="autoActivate"/>, and the
    /// process that update created returned.
    /// </summary>
    public async Task<SandboxProcess> RefreshAsync(string sandboxName, bool autoActivate, CancellationToken cancellation)
    {
        var fields = "Id, SandboxName, " + string.Join(", ", EditableFields);
        var infos = await _rest.QueryAsync($"SELECT {fields} FROM SandboxInfo WHERE SandboxName = '{Quoted(sandboxName)}'", tooling: true, cancellation).ConfigureAwait(false);
        if (infos.Count != 1)
        {
            throw new SalesforceException("SandboxNotFound", $"{_production.Name} has no sandbox named '{sandboxName}'. Give the environment's Salesforce sandbox name as \"sandboxName\" in the pipeline file, or connect the production org that owns it with -Org.");
        }

        var info = infos[0];
        var update = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in EditableFields.Where(f => info.TryGetProperty(f, out var v) && v.ValueKind != JsonValueKind.Null))
        {
            update[name] = info.GetProperty(name).Clone();
        }

        update["AutoActivate"] = autoActivate;
        var id = SandboxProcess.Text(info, "Id")!;
        using (await _rest.PatchAsync(_rest.Resource("tooling/sobjects/SandboxInfo/" + Uri.EscapeDataString(id)), update, "refresh " + sandboxName, cancellation).ConfigureAwait(false))
        {
        }

        return await LatestAsync(sandboxName, cancellation).ConfigureAwait(false)
            ?? throw new SalesforceException("SandboxProcessNotFound", $"{_production.Name} accepted the refresh of '{sandboxName}' but lists no process for it; look in Setup > Sandboxes.");
    }

    /// <summary>Activates a copy that waits for it (Pending Activation): the sandbox is replaced by the copy.</summary>
    public async Task ActivateAsync(string processId, CancellationToken cancellation)
    {
        using (await _rest.PatchAsync(_rest.Resource("tooling/sobjects/SandboxProcess/" + Uri.EscapeDataString(processId)), new Dictionary<string, string> { ["RefreshAction"] = "ACTIVATE" }, "activate sandbox process " + processId, cancellation).ConfigureAwait(false))
        {
        }
    }

    /// <summary>
    /// Follows a process until it ends, waits for activation, or <paramref name="timeout"/> passes, yielding every
    /// status read (the first is the one given), on the caller's thread so a command can show each as it comes. The
    /// caller tells a timeout by the last one's <see cref="SandboxProcess.IsUnderWay"/>.
    /// </summary>
    public IEnumerable<SandboxProcess> Follow(SandboxProcess process, TimeSpan timeout, TimeSpan interval, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var current = process;
        yield return current;
        while (current.IsUnderWay && DateTimeOffset.UtcNow < deadline)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (cancellation.WaitHandle.WaitOne(left < interval ? left : interval))
            {
                cancellation.ThrowIfCancellationRequested();
            }

            current = ProcessAsync(current.Id, cancellation).GetAwaiter().GetResult();
            yield return current;
        }
    }

    internal static string Quoted(string value) => value.Replace("\\", "\\\\").Replace("'", "\\'");
}
