using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SandboxOps.Engine.Salesforce;

/// <summary>Asks the Salesforce CLI for an org it has authorized (<c>sf org display --json</c>); its files are never read.</summary>
internal static class SalesforceCli
{
    public const string OtherWays = "Connect with -InstanceUrl and -AccessToken, with a connected app's -ClientId and -RefreshToken, or with the JWT bearer flow (-ClientId -Username -PrivateKeyPath).";

    public static TokenGrant Display(string executable, string alias)
    {
        string output;
        string error;
        int exitCode;
        try
        {
            var start = new ProcessStartInfo(executable, "org display --json --target-org \"" + alias.Replace("\"", string.Empty) + "\"")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            using var process = Process.Start(start)!;
            var errorTask = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            error = errorTask.Result;
            exitCode = process.ExitCode;
        }
        catch (Win32Exception)
        {
            throw new SalesforceException("SalesforceCliNotFound", $"The Salesforce CLI ('{executable}') is not on PATH, so the alias '{alias}' cannot be looked up. Install it (npm install -g @salesforce/cli) and run 'sf org login web --alias {alias}', or: {OtherWays}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            throw new SalesforceException("SalesforceCliFailed", $"'sf org display' gave no JSON for '{alias}' (exit code {exitCode}): {FirstLine(error)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (exitCode != 0 || !root.TryGetProperty("result", out var result) || !result.TryGetProperty("accessToken", out var token))
            {
                var message = root.TryGetProperty("message", out var m) ? m.GetString() : FirstLine(error);
                throw new SalesforceException("SalesforceCliFailed", $"The Salesforce CLI does not know an org '{alias}': {message} Authorize it with 'sf org login web --alias {alias}', or: {OtherWays}");
            }

            return new TokenGrant(
                new SecretText(token.GetString() ?? string.Empty),
                result.GetProperty("instanceUrl").GetString() ?? string.Empty,
                result.TryGetProperty("username", out var user) ? user.GetString() : null,
                alias);
        }
    }

    private static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var newline = trimmed.IndexOf('\n');
        return newline < 0 ? trimmed : trimmed.Substring(0, newline);
    }
}
