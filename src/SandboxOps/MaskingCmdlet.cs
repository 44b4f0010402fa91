using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using SandboxOps.Engine.Masking;
using SandboxOps.Engine.Model;

namespace SandboxOps;

/// <summary>What the masking cmdlets share: the rules, and the key that makes their masks agree across files, orgs and runs.</summary>
public abstract class MaskingCmdlet : SandboxOpsCmdlet
{
    /// <summary>The masking rules: a rules file, or the records of New-MaskingRule.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [MaskingRulesArgument.Transformation]
    public MaskingRulesArgument Rules { get; set; } = null!;

    /// <summary>The masking key (at least 16 characters): the same key gives the same masks in every run.</summary>
    [Parameter]
    public SecureString? Key { get; set; }

    /// <summary>A file whose bytes are the masking key (at least 16).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyFile { get; set; }

    /// <summary>The masker of -Key or -KeyFile, or one with a key for this run only (said as a warning).</summary>
    private protected Masker KeyedMasker()
    {
        if (Key is not null && KeyFile is not null)
        {
            throw new InvalidArgumentException("TwoKeys", "Give -Key or -KeyFile, not both.");
        }

        var key = Key is not null ? Bytes(Key) : KeyFile is not null ? File.ReadAllBytes(SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyFile)) : null;
        if (key is null)
        {
            WriteWarning("No -Key or -KeyFile: a random key is used for this run, so its masks match no other run's (a value masked in another run, or masked again, comes out different).");
            return Masker.WithRandomKey();
        }

        try
        {
            return new Masker(key);
        }
        catch (ArgumentException)
        {
            throw new InvalidArgumentException("KeyTooShort", "The masking key is too short: give at least 16 characters (or bytes in -KeyFile).");
        }
        finally
        {
            Array.Clear(key, 0, key.Length);
        }
    }

    private static byte[] Bytes(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            var chars = new char[secure.Length];
            Marshal.Copy(pointer, chars, 0, chars.Length);
            var bytes = Encoding.UTF8.GetBytes(chars);
            Array.Clear(chars, 0, chars.Length);
            return bytes;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
