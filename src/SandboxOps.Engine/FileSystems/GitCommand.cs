using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.FileSystems;

/// <summary>Runs the <c>git</c> executable; git's own errors are passed on, with what to do.</summary>
internal static class GitCommand
{
    private static readonly char[] NeedsQuoting = { ' ', '\t', '"', '\\' };

    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments) => new("git", string.Join(" ", arguments.Select(Quote)))
    {
        WorkingDirectory = workingDirectory,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        RedirectStandardInput = true,
        UseShellExecute = false,
        CreateNoWindow = true,
        StandardOutputEncoding = Encoding.UTF8,
    };

    public static Process Start(string workingDirectory, params string[] arguments)
    {
        try
        {
            return Process.Start(StartInfo(workingDirectory, arguments))
                ?? throw new MetadataSourceException(FailureKind.NotInstalled, "GitNotFound", "Could not start 'git'. Install git and make sure it is on PATH.");
        }
        catch (Win32Exception ex)
        {
            throw new MetadataSourceException(FailureKind.NotInstalled, "GitNotFound", "Could not start 'git': " + ex.Message + " Install git and make sure it is on PATH.", ex);
        }
    }

    /// <summary>Runs git to completion and returns its standard output; a non-zero exit becomes the given error.</summary>
    public static string Run(string workingDirectory, string failureReason, string failureMessage, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new MetadataSourceException(FailureKind.InvalidArgument, failureReason, failureMessage + " git said: " + error.Result.Trim());
        }

        return output;
    }

    /// <summary>Quotes one argument by the rules .NET uses to split a command line.</summary>
    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(NeedsQuoting) < 0)
        {
            return argument;
        }

        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
            backslashes = 0;
            quoted.Append(c);
        }

        quoted.Append('\\', backslashes * 2).Append('"');
        return quoted.ToString();
    }
}
