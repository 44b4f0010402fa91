using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Tests.Support;
using static SandboxOps.Engine.Tests.Salesforce.SimulatedOrgFixture;

namespace SandboxOps.Engine.Tests.Salesforce;

/// <summary>Each way into an org, against the simulator's OAuth endpoint and REST API on 127.0.0.1.</summary>
public sealed class ConnectTests
{
    [Fact]
    public async Task An_access_token_connects_and_the_org_says_who_it_is()
    {
        await using var simulator = await StartAsync();
        var org = await OrgConnection.ConnectAsync(OrgCredential.FromAccessToken(simulator.BaseUrl, Secure(AccessToken)), "uat", retry: FastRetry);

        Assert.Equal("uat", org.Alias);
        Assert.Equal(simulator.Options.OrgId, org.OrgId);
        Assert.Equal(simulator.Options.Username, org.Username);
        Assert.True(org.IsSandbox);
        Assert.Equal(simulator.BaseUrl, org.InstanceUrl);
        Assert.DoesNotContain(AccessToken, org.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_gets_an_access_token_and_a_wrong_one_is_refused_without_showing_it()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        Assert.Equal(simulator.Options.OrgId, org.OrgId);

        var wrong = await Assert.ThrowsAsync<SalesforceException>(() => OrgConnection.ConnectAsync(OrgCredential.FromRefreshToken(simulator.BaseUrl, simulator.Options.ClientId, Secure("not-a-real-refresh-token")), null, retry: FastRetry));
        Assert.Equal("invalid_grant", wrong.Code);
        Assert.DoesNotContain("not-a-real-refresh-token", wrong.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pkcs8")]
    [InlineData("pkcs1")]
    public async Task The_jwt_bearer_flow_signs_with_the_private_key_and_the_org_checks_the_certificate(string form)
    {
        using var key = RSA.Create(2048);
        await using var simulator = await StartAsync(jwtKey: key);
        var pem = form == "pkcs8" ? key.ExportPkcs8PrivateKeyPem() : key.ExportRSAPrivateKeyPem();

        var org = await OrgConnection.ConnectAsync(OrgCredential.FromJwt(simulator.BaseUrl, simulator.Options.ClientId, simulator.Options.Username, Secure(pem)), "ci", retry: FastRetry);
        Assert.Equal(simulator.Options.Username, org.Username);

        using var otherKey = RSA.Create(2048);
        var refused = await Assert.ThrowsAsync<SalesforceException>(() => OrgConnection.ConnectAsync(OrgCredential.FromJwt(simulator.BaseUrl, simulator.Options.ClientId, simulator.Options.Username, Secure(otherKey.ExportPkcs8PrivateKeyPem())), "ci", retry: FastRetry));
        Assert.Equal("invalid_grant", refused.Code);
    }

    [Fact]
    public async Task An_encrypted_or_damaged_private_key_is_refused_with_what_to_do()
    {
        using var key = RSA.Create(2048);
        await using var simulator = await StartAsync(jwtKey: key);
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("pass".AsSpan(), new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        var error = await Assert.ThrowsAsync<SalesforceException>(() => OrgConnection.ConnectAsync(OrgCredential.FromJwt(simulator.BaseUrl, simulator.Options.ClientId, simulator.Options.Username, Secure(encrypted)), null, retry: FastRetry));
        Assert.Equal("InvalidPrivateKey", error.Code);
        Assert.Contains("without a passphrase", error.Message, StringComparison.Ordinal);

        var damaged = await Assert.ThrowsAsync<SalesforceException>(() => OrgConnection.ConnectAsync(OrgCredential.FromJwt(simulator.BaseUrl, simulator.Options.ClientId, simulator.Options.Username, Secure("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")), null, retry: FastRetry));
        Assert.Equal("InvalidPrivateKey", damaged.Code);
    }

    [Fact]
    public async Task An_alias_is_asked_of_the_salesforce_cli_and_a_missing_cli_names_the_other_ways()
    {
        await using var simulator = await StartAsync();
        using var tree = new TempTree();
        if (!OperatingSystem.IsWindows())
        {
            // A stand-in for the CLI: a script that prints what 'sf org display --json' prints.
            var sf = tree.PathOf("sf");
            File.WriteAllText(sf, "#!/bin/sh\ncat <<'JSON'\n{\"status\":0,\"result\":{\"accessToken\":\"" + AccessToken + "\",\"instanceUrl\":\"" + simulator.BaseUrl + "\",\"username\":\"cli@simulated.example\",\"alias\":\"dev\"}}\nJSON\n");
            File.SetUnixFileMode(sf, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var org = await OrgConnection.ConnectAsync(OrgCredential.FromSalesforceCli("dev", sf), null, retry: FastRetry);
            Assert.Equal("dev", org.Alias);
            Assert.Equal("cli@simulated.example", org.Username);
        }

        var missing = await Assert.ThrowsAsync<SalesforceException>(() => OrgConnection.ConnectAsync(OrgCredential.FromSalesforceCli("dev", tree.PathOf("no-such-sf")), null, retry: FastRetry));
        Assert.Equal("SalesforceCliNotFound", missing.Code);
        Assert.Contains("-AccessToken", missing.Message, StringComparison.Ordinal);
        Assert.Contains("-RefreshToken", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_access_token_that_cannot_be_refreshed_says_to_connect_again()
    {
        await using var simulator = await StartAsync();
        var org = await OrgConnection.ConnectAsync(OrgCredential.FromAccessToken(simulator.BaseUrl, Secure(AccessToken)), null, retry: FastRetry);
        simulator.ExpireSessions();

        var error = await Assert.ThrowsAsync<SalesforceException>(() => new OrgRetriever(new EngineContext(new RecordingObserver())).RetrieveAsync(org, Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), new RetrieveOptions()));
        Assert.Equal("INVALID_SESSION_ID", error.Code);
        Assert.Contains("Connect again", error.Message, StringComparison.Ordinal);
    }
}
