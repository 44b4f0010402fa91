using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Diagnostics;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// A connected org: who and where (never the token), and the session that calls it. Made by
/// <see cref="ConnectAsync"/>, which gets a token and asks the org about itself (REST query of Organization).
/// </summary>
public sealed class OrgConnection
{
    public const string DefaultApiVersion = "62.0";

    /// <summary>What names an org where a path could stand: org:uat.</summary>
    public const string SourcePrefix = "org:";

    /// <summary>
    /// Connections per host: a listing's calls and ten retrieves at once, with room to spare. Windows
    /// PowerShell's .NET Framework allows two unless told, which would queue parallel calls behind each other.
    /// </summary>
    private const int ConnectionsPerHost = 64;

    // Accept-Encoding: gzip is sent and answers are decompressed: Salesforce compresses SOAP answers when asked,
    // and a retrieve's base64 zip of tens of megabytes travels in a fraction of that.

    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient(new HttpClientHandler { MaxConnectionsPerServer = ConnectionsPerHost, AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan });

    private OrgConnection(OrgSession session, string? alias, string username, string orgId, string orgName, bool isSandbox, string organizationType, string apiVersion)
    {
        Session = session;
        Alias = alias;
        Username = username;
        OrgId = orgId;
        OrgName = orgName;
        IsSandbox = isSandbox;
        OrganizationType = organizationType;
        ApiVersion = apiVersion;
    }

    public string? Alias { get; }

    public string Username { get; }

    public string OrgId { get; }

    public string OrgName { get; }

    public string InstanceUrl => Session.InstanceUrl;

    public bool IsSandbox { get; }

    public string OrganizationType { get; }

    public string ApiVersion { get; }

    internal OrgSession Session { get; }

    /// <summary>The name to use for it: the alias, else the username.</summary>
    public string Name => Alias ?? Username;

    /// <summary>How it is named as a source or target (org:uat): in results, snapshots and baselines.</summary>
    public string SourceName => SourcePrefix + Name;

    public static async Task<OrgConnection> ConnectAsync(OrgCredential credential, string? alias, string? apiVersion = null, RetryPolicy? retry = null, EngineLogging? logging = null, HttpClient? http = null, CancellationToken cancellation = default)
    {
        var logger = EngineLogging.For(logging, "SandboxOps.Org");
        var session = await OrgSession.OpenAsync(credential, http ?? SharedHttp.Value, retry ?? RetryPolicy.Default, logger, cancellation).ConfigureAwait(false);
        var version = apiVersion ?? DefaultApiVersion;
        var rest = new RestApi(session, version);
        var record = (await rest.QueryAsync("SELECT Id, Name, IsSandbox, OrganizationType, InstanceName FROM Organization", tooling: false, cancellation).ConfigureAwait(false))[0];
        var username = session.Grant.Username;
        if (username is null)
        {
            using var identity = await rest.GetAsync("/services/oauth2/userinfo", "userinfo", cancellation).ConfigureAwait(false);
            username = identity.RootElement.TryGetProperty("preferred_username", out var preferred) ? preferred.GetString() : null;
        }

        return new OrgConnection(
            session,
            alias ?? session.Grant.Alias,
            username ?? "(unknown user)",
            record.GetProperty("Id").GetString() ?? string.Empty,
            record.GetProperty(nameof(Name)).GetString() ?? string.Empty,
            record.GetProperty(nameof(IsSandbox)).GetBoolean(),
            record.GetProperty(nameof(OrganizationType)).GetString() ?? string.Empty,
            version);
    }

    public override string ToString() => $"{Name} ({InstanceUrl})";

    internal MetadataApiClient MetadataApi(ILogger logger) => new(Session, ApiVersion, logger);

    internal RestApi Rest => new(Session, ApiVersion);
}
