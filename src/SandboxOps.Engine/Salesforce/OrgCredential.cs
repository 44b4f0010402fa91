using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// A way into an org. It gets the first access token and, where the way allows (refresh token, JWT, the
/// Salesforce CLI), a new one when Salesforce says the session expired. Secrets stay inside.
/// </summary>
public abstract class OrgCredential
{
    private protected OrgCredential()
    {
    }

    /// <summary>True when an expired token can be replaced without the user.</summary>
    public abstract bool CanRefresh { get; }

    /// <summary>An access token the user already has (from Setup, a CLI, a vault).</summary>
    public static OrgCredential FromAccessToken(string instanceUrl, SecureString accessToken) =>
        new AccessTokenCredential(instanceUrl, SecretText.From(accessToken));

    /// <summary>The refresh token flow of a connected app.</summary>
    public static OrgCredential FromRefreshToken(string loginUrl, string clientId, SecureString refreshToken) =>
        new RefreshTokenCredential(loginUrl, clientId, SecretText.From(refreshToken));

    /// <summary>The JWT bearer flow: the connected app's certificate signs for the user, nobody types anything.</summary>
    public static OrgCredential FromJwt(string loginUrl, string clientId, string username, SecureString privateKeyPem) =>
        new JwtCredential(loginUrl, clientId, username, SecretText.From(privateKeyPem));

    /// <summary>An org the Salesforce CLI has authorized, asked for through <c>sf org display</c>.</summary>
    public static OrgCredential FromSalesforceCli(string alias, string executable = "sf") => new SalesforceCliCredential(alias, executable);

    internal abstract Task<TokenGrant> GrantAsync(OAuthClient oauth, CancellationToken cancellation);
}

internal sealed class AccessTokenCredential : OrgCredential
{
    private readonly string _instanceUrl;
    private readonly SecretText _token;

    public AccessTokenCredential(string instanceUrl, SecretText token)
    {
        _instanceUrl = instanceUrl;
        _token = token;
    }

    public override bool CanRefresh => false;

    internal override Task<TokenGrant> GrantAsync(OAuthClient oauth, CancellationToken cancellation) =>
        Task.FromResult(new TokenGrant(_token, _instanceUrl));
}

internal sealed class RefreshTokenCredential : OrgCredential
{
    private readonly string _loginUrl;
    private readonly string _clientId;
    private readonly SecretText _refreshToken;

    public RefreshTokenCredential(string loginUrl, string clientId, SecretText refreshToken)
    {
        _loginUrl = loginUrl;
        _clientId = clientId;
        _refreshToken = refreshToken;
    }

    public override bool CanRefresh => true;

    internal override Task<TokenGrant> GrantAsync(OAuthClient oauth, CancellationToken cancellation) =>
        oauth.RequestAsync(_loginUrl, new[] { ("grant_type", "refresh_token"), ("client_id", _clientId), ("refresh_token", _refreshToken.Reveal()) }, _refreshToken, cancellation);
}

internal sealed class JwtCredential : OrgCredential
{
    private readonly string _loginUrl;
    private readonly string _clientId;
    private readonly string _username;
    private readonly SecretText _privateKey;

    public JwtCredential(string loginUrl, string clientId, string username, SecretText privateKey)
    {
        _loginUrl = loginUrl;
        _clientId = clientId;
        _username = username;
        _privateKey = privateKey;
    }

    public override bool CanRefresh => true;

    internal override async Task<TokenGrant> GrantAsync(OAuthClient oauth, CancellationToken cancellation)
    {
        string assertion;
        using (var key = RsaKeyReader.Read(_privateKey))
        {
            assertion = JwtAssertion.Create(_clientId, _username, Audience(_loginUrl), key, DateTimeOffset.UtcNow);
        }

        var grant = await oauth.RequestAsync(_loginUrl, new[] { ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion) }, null, cancellation).ConfigureAwait(false);
        return new TokenGrant(grant.AccessToken, grant.InstanceUrl, _username);
    }

    /// <summary>Salesforce wants the login host as audience: test.salesforce.com for sandboxes, login.salesforce.com otherwise, or the given host.</summary>
    private static string Audience(string loginUrl)
    {
        var uri = new Uri(loginUrl);
        return uri.GetLeftPart(UriPartial.Authority);
    }
}

internal sealed class SalesforceCliCredential : OrgCredential
{
    private readonly string _alias;
    private readonly string _executable;

    public SalesforceCliCredential(string alias, string executable)
    {
        _alias = alias;
        _executable = executable;
    }

    public override bool CanRefresh => true; // the CLI refreshes its own tokens

    internal override Task<TokenGrant> GrantAsync(OAuthClient oauth, CancellationToken cancellation) =>
        Task.Run(() => SalesforceCli.Display(_executable, _alias), cancellation);
}
