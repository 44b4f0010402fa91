using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// The live side of a connection: the current access token, how to get a new one, and the rule every
/// call follows. An expired session (INVALID_SESSION_ID) is refreshed once where the credential allows
/// and the call repeated; transient failures are repeated with backoff, but only for calls that change
/// nothing (a deploy that may have started is never sent twice).
/// </summary>
internal sealed class OrgSession
{
    private readonly OrgCredential _credential;
    private readonly OAuthClient _oauth;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private TokenGrant _grant;
    private Task? _refresh;

    private OrgSession(OrgCredential credential, OAuthClient oauth, HttpClient http, RetryPolicy retry, ILogger logger, TokenGrant grant)
    {
        _credential = credential;
        _oauth = oauth;
        Http = http;
        Retry = retry;
        _logger = logger;
        _grant = grant;
    }

    public HttpClient Http { get; }

    public RetryPolicy Retry { get; }

    public string InstanceUrl => _grant.InstanceUrl;

    public TokenGrant Grant => _grant;

    public static async Task<OrgSession> OpenAsync(OrgCredential credential, HttpClient http, RetryPolicy retry, ILogger logger, CancellationToken cancellation)
    {
        var oauth = new OAuthClient(http);
        var grant = await credential.GrantAsync(oauth, cancellation).ConfigureAwait(false);
        return new OrgSession(credential, oauth, http, retry, logger, grant);
    }

    /// <summary>Runs a call with the current token under the session's rules.</summary>
    /// <param name="call">The call, given the access token to put on the wire.</param>
    /// <param name="changesNothing">True for reads and status checks, which may be repeated after a transient failure.</param>
    /// <param name="what">The call's name, for the log.</param>
    /// <param name="cancellation">Stops waiting and further attempts.</param>
    public async Task<T> CallAsync<T>(Func<TokenGrant, Task<T>> call, bool changesNothing, string what, CancellationToken cancellation)
    {
        var refreshed = false;
        for (var attempt = 1; ; attempt++)
        {
            var grant = _grant;
            try
            {
                return await call(grant).ConfigureAwait(false);
            }
            catch (SalesforceException ex) when (ex.Code == "INVALID_SESSION_ID" && !refreshed)
            {
                if (!_credential.CanRefresh)
                {
                    throw new SalesforceException(ex.Code, "The access token has expired or was revoked. Connect again with a new -AccessToken, or use a way in that can refresh (-RefreshToken, JWT, -Alias).", innerException: ex);
                }

                SalesforceLog.Refreshing(_logger, what);
                await RefreshAsync(grant, cancellation).ConfigureAwait(false);
                refreshed = true;
                attempt--; // the expired session was not the call's failure
            }
            catch (SalesforceException ex) when (ex.IsTransient && changesNothing && attempt < Retry.MaxAttempts)
            {
                var wait = Retry.Backoff(attempt);
                SalesforceLog.Retrying(_logger, what, ex.Code, attempt, (long)wait.TotalMilliseconds);
                await Task.Delay(wait, cancellation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Gets a new token unless another call already replaced the one that failed.</summary>
    private Task RefreshAsync(TokenGrant failed, CancellationToken cancellation)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_grant, failed))
            {
                return Task.CompletedTask;
            }

            if (_refresh is null || _refresh.IsCompleted)
            {
                _refresh = ReplaceGrantAsync(cancellation); // calls that failed with the same token wait for this one
            }

            return _refresh;
        }
    }

    /// <summary>A new token, asked again on a transient failure: a token request changes nothing a second one would undo.</summary>
    private async Task ReplaceGrantAsync(CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var grant = await _credential.GrantAsync(_oauth, cancellation).ConfigureAwait(false);
                lock (_gate)
                {
                    _grant = grant;
                }

                return;
            }
            catch (SalesforceException ex) when (ex.IsTransient && attempt < Retry.MaxAttempts)
            {
                var wait = Retry.Backoff(attempt);
                SalesforceLog.Retrying(_logger, "token", ex.Code, attempt, (long)wait.TotalMilliseconds);
                await Task.Delay(wait, cancellation).ConfigureAwait(false);
            }
        }
    }
}
