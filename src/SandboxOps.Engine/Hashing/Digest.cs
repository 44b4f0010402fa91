using System;

namespace SandboxOps.Engine.Hashing;

/// <summary>A SHA-256 value and the number of bytes it covers.</summary>
internal readonly struct Digest
{
    public Digest(byte[] value, long length)
    {
        Value = value;
        Length = length;
    }

    public byte[] Value { get; }

    public long Length { get; }

    public string ToHex()
    {
        const string HexDigits = "0123456789abcdef";
        var text = new char[Value.Length * 2];
        for (var i = 0; i < Value.Length; i++)
        {
            text[2 * i] = HexDigits[Value[i] >> 4];
            text[(2 * i) + 1] = HexDigits[Value[i] & 0xF];
        }

        return new string(text);
    }

    public override string ToString() => ToHex();

    public bool SameAs(Digest other) => Value.AsSpan().SequenceEqual(other.Value);
}
