using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SandboxOps.Engine.Salesforce;

/// <summary>Posts to an org's OAuth token endpoint (<c>/services/oauth2/token</c>) and reads the grant or the error.</summary>
internal sealed class OAuthClient
{
    private readonly HttpClient _http;

    public OAuthClient(HttpClient http)
    {
        _http = http;
    }

    /// <param name="loginUrl">https://login.salesforce.com, https://test.salesforce.com or a My Domain.</param>
    /// <param name="form">The grant's form fields.</param>
    /// <param name="secret">A secret in the form, kept out of any error text.</param>
    /// <param name="cancellation">Stops the request.</param>
    public async Task<TokenGrant> RequestAsync(string loginUrl, IEnumerable<(string Name, string Value)> form, SecretText? secret, CancellationToken cancellation)
    {
        using var content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(loginUrl.TrimEnd('/') + "/services/oauth2/token", content, cancellation).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SalesforceException("ConnectionFailed", $"Could not reach {loginUrl} for a token: {ex.Message}", isTransient: true, ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            using var json = ParseOrNull(body);
            var root = json?.RootElement;
            if (!response.IsSuccessStatusCode || root is null || !root.Value.TryGetProperty("access_token", out var token))
            {
                var error = root is not null && root.Value.TryGetProperty("error", out var e) ? e.GetString() ?? "error" : "HTTP" + (int)response.StatusCode;
                var description = root is not null && root.Value.TryGetProperty("error_description", out var d) ? d.GetString() : null;
                var message = $"{loginUrl} refused the token request: {error}{(description is null ? string.Empty : " (" + description + ")")}. Check the client id, the user, the certificate or refresh token, and the login URL (-Sandbox for test.salesforce.com).";
                // A 5xx (a load balancer's 503) is the server's trouble, not the credential's: worth asking again.
                throw new SalesforceException(error, secret?.AppearsIn(message) == true ? $"{loginUrl} refused the token request: {error}." : message, isTransient: (int)response.StatusCode >= 500);
            }

            var instance = root.Value.TryGetProperty("instance_url", out var url) ? url.GetString() : null;
            return new TokenGrant(new SecretText(token.GetString() ?? string.Empty), instance ?? loginUrl);
        }
    }

    private static JsonDocument? ParseOrNull(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
