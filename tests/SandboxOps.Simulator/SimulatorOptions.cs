using System.Security.Cryptography;

namespace SandboxOps.Simulator;

/// <summary>Who the simulated org is and how it behaves.</summary>
public sealed class SimulatorOptions
{
    public required string OrgFolder { get; init; }

    public string OrgId { get; init; } = "00D000000000001EAA";

    public string OrgName { get; init; } = "Simulated Org";

    public bool IsSandbox { get; init; } = true;

    public string OrganizationType { get; init; } = "Developer Edition";

    public string Username { get; init; } = "admin@simulated.example";

    /// <summary>The newest API version /services/data lists (Winter '25 is 62.0).</summary>
    public string LatestApiVersion { get; init; } = "62.0";

    /// <summary>The connected app's consumer key, checked as the JWT issuer and refresh token client.</summary>
    public string ClientId { get; init; } = "3MVG9SimulatedClientId";

    /// <summary>The certificate's public key that JWT assertions must be signed for (null: no JWT flow).</summary>
    public RSA? JwtPublicKey { get; init; }

    /// <summary>Refresh tokens the token endpoint accepts.</summary>
    public IReadOnlyCollection<string> RefreshTokens { get; init; } = Array.Empty<string>();

    /// <summary>Access tokens valid from the start (as if issued earlier).</summary>
    public IReadOnlyCollection<string> AccessTokens { get; init; } = Array.Empty<string>();

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Files one retrieve may return before it fails with LIMIT_EXCEEDED (Salesforce: 10,000).</summary>
    public int MaxFilesPerRetrieve { get; init; } = 10000;

    /// <summary>The largest zip a retrieve may return (Salesforce: 39 MB), before it fails with LIMIT_EXCEEDED.</summary>
    public long MaxRetrieveZipBytes { get; init; } = 39L * 1000 * 1000;

    /// <summary>The most bytes a retrieve may hold unzipped (Salesforce: 600 MB).</summary>
    public long MaxRetrieveUnzippedBytes { get; init; } = 600L * 1000 * 1000;

    /// <summary>Apex test methods ("Class.method") that fail when a deploy runs tests, with their messages.</summary>
    public IReadOnlyDictionary<string, string> FailingTests { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Server time a retrieve takes per component it carries (children included), on top of building its
    /// zip: Salesforce's own work, which the client waits for but does not pay for in CPU. Zero by default.
    /// </summary>
    public TimeSpan RetrieveTimePerComponent { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Status checks an async job takes at least to finish (Pending, then InProgress, then done), so tests see
    /// every state. A retrieve also needs its zip built, which starts when it is queued and takes as long as
    /// the work does; with 1, a job is done as soon as its work is, as on Salesforce.
    /// </summary>
    public int PollsToFinish { get; init; } = 3;

    /// <summary>Apex classes that do not compile, by name: the line, column and problem a deploy of them reports.</summary>
    public IReadOnlyDictionary<string, (int Line, int Column, string Problem)> BrokenApex { get; init; } = new Dictionary<string, (int, int, string)>();

    /// <summary>
    /// A code coverage warning every deploy that runs tests reports; with it the deploy fails on coverage alone,
    /// with no component or test failing (as a production deploy under 75% does).
    /// </summary>
    public string? CoverageWarning { get; init; }

    /// <summary>The coverage a test run reports for each deployed Apex class, in percent, by class name; others get <see cref="DefaultCoverage"/>.</summary>
    public IReadOnlyDictionary<string, int> ClassCoverage { get; init; } = new Dictionary<string, int>();

    public int DefaultCoverage { get; init; } = 85;

    /// <summary>Types whose listMetadata results carry a nil type (xsi:nil), as some orgs answer for some types.</summary>
    public IReadOnlyCollection<string> NilTypes { get; init; } = Array.Empty<string>();

    /// <summary>A JSON file of the org's records ({"User": [...], "recordCounts": {"Account": n}}): what REST queries answer.</summary>
    public string? DataFile { get; init; }

    /// <summary>The sandboxes of this (production) org, served by the Tooling API as SandboxInfo and SandboxProcess.</summary>
    public IReadOnlyList<SimulatedSandbox> Sandboxes { get; init; } = Array.Empty<SimulatedSandbox>();
}
