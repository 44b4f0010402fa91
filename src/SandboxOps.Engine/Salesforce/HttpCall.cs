using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SandboxOps.Engine.Salesforce;

/// <summary>One HTTP exchange with a timeout of its own; transport failures become transient <see cref="SalesforceException"/>s.</summary>
internal static class HttpCall
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage message, TimeSpan timeout, string what, CancellationToken cancellation)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(timeout);
        try
        {
            return await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellation.IsCancellationRequested)
        {
            throw new SalesforceException("Timeout", $"{what}: no answer within {timeout.TotalSeconds:0} s.", isTransient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SalesforceException("ConnectionFailed", $"{what}: {ex.Message}", isTransient: true, ex);
        }
        catch (IOException ex)
        {
            throw new SalesforceException("ConnectionLost", $"{what}: the connection dropped: {ex.Message}", isTransient: true, ex);
        }
    }
}
