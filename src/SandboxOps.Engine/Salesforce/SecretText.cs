using System;
using System.Runtime.InteropServices;
using System.Security;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// A secret (access token, refresh token, private key) held in memory only. It never prints: ToString
/// names it without showing it, and the value is taken out only where a request is written.
/// </summary>
internal sealed class SecretText
{
    private readonly char[] _value;

    public SecretText(string value)
    {
        _value = value.ToCharArray();
    }

    private SecretText(char[] value)
    {
        _value = value;
    }

    public bool IsEmpty => _value.Length == 0;

    public static SecretText From(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            var chars = new char[secure.Length];
            Marshal.Copy(pointer, chars, 0, chars.Length);
            return new SecretText(chars);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    /// <summary>The value, for the one place that puts it on the wire.</summary>
    public string Reveal() => new(_value);

    /// <summary>True when <paramref name="text"/> contains this secret (used to keep it out of messages).</summary>
    public bool AppearsIn(string? text) => !IsEmpty && text is not null && text.IndexOf(Reveal(), StringComparison.Ordinal) >= 0;

    public override string ToString() => "(secret)";
}
