using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Commands;

/// <summary>
/// Connects to an org and keeps the connection for the session, so that -Org can name it by alias.
/// Ways in: an org the Salesforce CLI has authorized (-Alias), an access token, a connected app's
/// refresh token, or the JWT bearer flow for unattended runbooks. Tokens stay in memory.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "SalesforceOrg", DefaultParameterSetName = CliSet)]
[OutputType(typeof(OrgConnection))]
public sealed class ConnectSalesforceOrgCommand : SandboxOpsCmdlet
{
    private const string CliSet = "SalesforceCli";
    private const string AccessTokenSet = "AccessToken";
    private const string RefreshTokenSet = "RefreshToken";
    private const string JwtFileSet = "JwtKeyFile";
    private const string JwtKeySet = "JwtKey";
    private const string ProductionLogin = "https://login.salesforce.com";
    private const string SandboxLogin = "https://test.salesforce.com";

    /// <summary>The name to use for the org in this session; with no other parameter, an org the Salesforce CLI knows by this alias.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CliSet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [Parameter(ParameterSetName = RefreshTokenSet)]
    [Parameter(ParameterSetName = JwtFileSet)]
    [Parameter(ParameterSetName = JwtKeySet)]
    [ValidateNotNullOrEmpty]
    public string? Alias { get; set; }

    /// <summary>The Salesforce CLI executable, when it is not 'sf' on PATH.</summary>
    [Parameter(ParameterSetName = CliSet)]
    [ValidateNotNullOrEmpty]
    public string SalesforceCliPath { get; set; } = "sf";

    /// <summary>The org's URL (https://mydomain.my.salesforce.com) for -AccessToken.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    [ValidateNotNullOrEmpty]
    public string? InstanceUrl { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    [ValidateNotNull]
    public SecureString? AccessToken { get; set; }

    /// <summary>The connected app's consumer key.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
    [Parameter(Mandatory = true, ParameterSetName = JwtFileSet)]
    [Parameter(Mandatory = true, ParameterSetName = JwtKeySet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
    [ValidateNotNull]
    public SecureString? RefreshToken { get; set; }

    /// <summary>The user the JWT is signed for.</summary>
    [Parameter(Mandatory = true, ParameterSetName = JwtFileSet)]
    [Parameter(Mandatory = true, ParameterSetName = JwtKeySet)]
    [ValidateNotNullOrEmpty]
    public string? Username { get; set; }

    /// <summary>A PEM file with the connected app certificate's private key (unencrypted; keep it protected).</summary>
    [Parameter(Mandatory = true, ParameterSetName = JwtFileSet)]
    [ValidateNotNullOrEmpty]
    public string? PrivateKeyPath { get; set; }

    /// <summary>The private key's PEM text, from a vault.</summary>
    [Parameter(Mandatory = true, ParameterSetName = JwtKeySet)]
    [ValidateNotNull]
    public SecureString? PrivateKey { get; set; }

    /// <summary>Log in through https://test.salesforce.com (sandboxes).</summary>
    [Parameter(ParameterSetName = RefreshTokenSet)]
    [Parameter(ParameterSetName = JwtFileSet)]
    [Parameter(ParameterSetName = JwtKeySet)]
    public SwitchParameter Sandbox { get; set; }

    /// <summary>The login host or My Domain URL, instead of login or test.salesforce.com.</summary>
    [Parameter(ParameterSetName = RefreshTokenSet)]
    [Parameter(ParameterSetName = JwtFileSet)]
    [Parameter(ParameterSetName = JwtKeySet)]
    [ValidateNotNullOrEmpty]
    public string? LoginUrl { get; set; }

    /// <summary>The Metadata API version to use (default 62.0).</summary>
    [Parameter]
    [ValidatePattern(@"^\d{2,3}\.0$")]
    public string? ApiVersion { get; set; }

    protected override void ProcessItem()
    {
        ForInput(Alias ?? Username ?? InstanceUrl ?? string.Empty, () =>
        {
            var connection = OrgConnection.ConnectAsync(Credential(), Alias, ApiVersion, logging: Logging, cancellation: CancellationToken).GetAwaiter().GetResult();
            OrgConnections.Add(connection);
            Emit(connection);
        });
    }

    private OrgCredential Credential()
    {
        var login = LoginUrl ?? (Sandbox ? SandboxLogin : ProductionLogin);
        return ParameterSetName switch
        {
            AccessTokenSet => OrgCredential.FromAccessToken(InstanceUrl!, AccessToken!),
            RefreshTokenSet => OrgCredential.FromRefreshToken(login, ClientId!, RefreshToken!),
            JwtFileSet => OrgCredential.FromJwt(login, ClientId!, Username!, ReadKey()),
            JwtKeySet => OrgCredential.FromJwt(login, ClientId!, Username!, PrivateKey!),
            _ => OrgCredential.FromSalesforceCli(Alias!, SalesforceCliPath),
        };
    }

    /// <summary>The key file's text as a SecureString: it is not kept as a string anywhere.</summary>
    private SecureString ReadKey()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(PrivateKeyPath);
        try
        {
            var secure = new SecureString();
            foreach (var c in File.ReadAllText(path))
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SalesforceException("PrivateKeyUnreadable", $"Cannot read the private key file '{path}': {ex.Message}");
        }
    }
}
