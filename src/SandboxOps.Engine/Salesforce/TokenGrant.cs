namespace SandboxOps.Engine.Salesforce;

/// <summary>What a way in yields: an access token and the instance it is good for.</summary>
internal sealed class TokenGrant
{
    public TokenGrant(SecretText accessToken, string instanceUrl, string? username = null, string? alias = null)
    {
        AccessToken = accessToken;
        InstanceUrl = instanceUrl.TrimEnd('/');
        Username = username;
        Alias = alias;
    }

    public SecretText AccessToken { get; }

    public string InstanceUrl { get; }

    public string? Username { get; }

    public string? Alias { get; }
}
