using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Security;
using System.Security.Cryptography;
using System.Threading.Tasks;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Tests.Support;
using SandboxOps.Simulator;

namespace SandboxOps.Engine.Tests.Salesforce;

/// <summary>Starts a simulated org (the production sample) on 127.0.0.1 with every way in configured.</summary>
internal static class SimulatedOrgFixture
{
    public const string AccessToken = "00D000000000001!AccessTokenForTests";
    public const string RefreshToken = "5Aep861RefreshTokenForTests";

    public static readonly string Production = Path.Combine(TempTree.RepositoryRoot, "docs/samples/production");

    /// <summary>Quick polls and backoffs, so that tests of retries do not wait seconds.</summary>
    public static readonly RetryPolicy FastRetry = new(maxAttempts: 6, firstBackoff: TimeSpan.FromMilliseconds(20), firstPoll: TimeSpan.FromMilliseconds(10), longestPoll: TimeSpan.FromMilliseconds(50), requestTimeout: TimeSpan.FromSeconds(20));

    public static Task<MetadataApiSimulator> StartAsync(RSA? jwtKey = null, int maxFilesPerRetrieve = 10000, string? folder = null, long maxRetrieveUnzippedBytes = 600L * 1000 * 1000, bool isSandbox = true, string? dataFile = null, IReadOnlyList<SimulatedSandbox>? sandboxes = null) =>
        MetadataApiSimulator.StartAsync(new SimulatorOptions
        {
            OrgFolder = folder ?? Production,
            AccessTokens = new[] { AccessToken },
            RefreshTokens = new[] { RefreshToken },
            JwtPublicKey = jwtKey,
            MaxFilesPerRetrieve = maxFilesPerRetrieve,
            MaxRetrieveUnzippedBytes = maxRetrieveUnzippedBytes,
            IsSandbox = isSandbox,
            DataFile = dataFile,
            Sandboxes = sandboxes ?? Array.Empty<SimulatedSandbox>(),
        });

    public static SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;

    public static Task<OrgConnection> ConnectAsync(MetadataApiSimulator simulator, OrgCredential? credential = null, Diagnostics.EngineLogging? logging = null) =>
        OrgConnection.ConnectAsync(credential ?? OrgCredential.FromRefreshToken(simulator.BaseUrl, simulator.Options.ClientId, Secure(RefreshToken)), "sim", retry: FastRetry, logging: logging);
}
