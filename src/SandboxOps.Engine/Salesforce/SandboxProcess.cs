using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// One copy of a sandbox (a creation or a refresh), as the production org's Tooling API <c>SandboxProcess</c>
/// reports it. Salesforce's resumable statuses are the ones the copy is still under way in; every other status
/// but Completed ends it without a usable copy.
/// </summary>
public sealed class SandboxProcess
{
    /// <summary>What the Tooling API is asked for, in this order.</summary>
    internal const string Fields = "Id, Status, SandboxName, SandboxInfoId, LicenseType, CreatedDate, CopyProgress, SandboxOrganization, SourceId, Description, StartDate, EndDate, ActivatedDate, AutoActivate";

    public const string CompletedStatus = "Completed";

    public const string PendingActivationStatus = "Pending Activation";

    // The statuses the Salesforce CLI resumes a wait in (sfdx-core's sandboxIsResumable), Completed aside.
    private static readonly string[] UnderWayStatuses = { "Pending", "Processing", "Sampling", "Activating", PendingActivationStatus };

    private SandboxProcess(string id, string status, string sandboxName, string sandboxInfoId, string licenseType, DateTimeOffset createdDate, int? copyProgress, string? sandboxOrganization, string? description, DateTimeOffset? startDate, DateTimeOffset? endDate, DateTimeOffset? activatedDate, bool autoActivate)
    {
        Id = id;
        Status = status;
        SandboxName = sandboxName;
        SandboxInfoId = sandboxInfoId;
        LicenseType = licenseType;
        CreatedDate = createdDate;
        CopyProgress = copyProgress;
        SandboxOrganization = sandboxOrganization;
        Description = description;
        StartDate = startDate;
        EndDate = endDate;
        ActivatedDate = activatedDate;
        AutoActivate = autoActivate;
    }

    public string Id { get; }

    public string SandboxName { get; }

    public string Status { get; }

    /// <summary>Percent of the copy done, when Salesforce reports it (not for sandboxes copied with a template).</summary>
    public int? CopyProgress { get; }

    /// <summary>DEVELOPER, DEVELOPER PRO, PARTIAL or FULL.</summary>
    public string LicenseType { get; }

    public DateTimeOffset CreatedDate { get; }

    public DateTimeOffset? StartDate { get; }

    public DateTimeOffset? EndDate { get; }

    public DateTimeOffset? ActivatedDate { get; }

    public bool AutoActivate { get; }

    public string SandboxInfoId { get; }

    /// <summary>The sandbox org's id once it exists.</summary>
    public string? SandboxOrganization { get; }

    public string? Description { get; }

    /// <summary>True while Salesforce is still copying or activating.</summary>
    public bool IsUnderWay => UnderWayStatuses.Contains(Status, StringComparer.OrdinalIgnoreCase) && !AwaitsActivation;

    /// <summary>True when the copy is done and waits for ACTIVATE or DISCARD (a refresh without auto-activation).</summary>
    public bool AwaitsActivation => string.Equals(Status, PendingActivationStatus, StringComparison.OrdinalIgnoreCase);

    public bool Succeeded => string.Equals(Status, CompletedStatus, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the process ended without a copy to use (Stopped, Suspended, Discarding, ...).</summary>
    public bool Failed => !Succeeded && !IsUnderWay && !AwaitsActivation;

    /// <summary>When the copy became the sandbox: activated, else ended.</summary>
    public DateTimeOffset? RefreshedAt => Succeeded ? ActivatedDate ?? EndDate : null;

    internal static SandboxProcess From(JsonElement record) => new(
        Text(record, nameof(Id)) ?? string.Empty,
        Text(record, nameof(Status)) ?? string.Empty,
        Text(record, nameof(SandboxName)) ?? string.Empty,
        Text(record, nameof(SandboxInfoId)) ?? string.Empty,
        Text(record, nameof(LicenseType)) ?? string.Empty,
        Date(record, nameof(CreatedDate)) ?? DateTimeOffset.MinValue,
        record.TryGetProperty(nameof(CopyProgress), out var progress) && progress.ValueKind == JsonValueKind.Number ? progress.GetInt32() : null,
        Text(record, nameof(SandboxOrganization)),
        Text(record, nameof(Description)),
        Date(record, nameof(StartDate)),
        Date(record, nameof(EndDate)),
        Date(record, nameof(ActivatedDate)),
        record.TryGetProperty(nameof(AutoActivate), out var auto) && auto.ValueKind == JsonValueKind.True);

    internal static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Salesforce's dateTime (2026-11-30T10:15:00.000+0000: an offset without a colon).</summary>
    internal static DateTimeOffset? Date(JsonElement record, string name) =>
        Text(record, name) is { } text && DateTimeOffset.TryParse(InsertOffsetColon(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static string InsertOffsetColon(string text) =>
        text.Length > 5 && (text[text.Length - 5] == '+' || text[text.Length - 5] == '-') && char.IsDigit(text[text.Length - 1]) ? text.Insert(text.Length - 2, ":") : text;

    public override string ToString() => $"{SandboxName}: {Status}{(CopyProgress is { } p ? $" ({p}%)" : string.Empty)}";
}
