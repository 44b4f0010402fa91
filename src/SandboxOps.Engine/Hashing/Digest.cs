using System;
using System.Text;

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
        var text = new StringBuilder(Value.Length * 2);
        foreach (var b in Value)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public override string ToString() => ToHex();

    public bool SameAs(Digest other) => Value.AsSpan().SequenceEqual(other.Value);
}
