using System;
using System.Runtime.CompilerServices;
using System.Text;
using SandboxOps.Engine.Hashing;

namespace SandboxOps.Engine.Xml;

/// <summary>
/// The bytes of XML as Salesforce writes it, in one place for the two byte scanners (the canonical hasher,
/// <see cref="CanonicalBytes"/>, and the fragment splitter, <see cref="XmlFragments"/>): what a name is,
/// where a tag ends, where a comment or other markup ends, what an entity stands for. Both scanners decline
/// what these answers do not cover, and the parser (<see cref="SafeXml"/>) decides instead.
/// </summary>
internal static class XmlByteLexer
{
    public static readonly byte[] Declaration = Encoding.ASCII.GetBytes("<?xml");
    public static readonly byte[] CommentOpen = Encoding.ASCII.GetBytes("<!--");
    public static readonly byte[] CdataOpen = Encoding.ASCII.GetBytes("<![CDATA[");
    public static readonly byte[] CdataClose = Encoding.ASCII.GetBytes("]]>");
    public static readonly byte[] InstructionClose = Encoding.ASCII.GetBytes("?>");

    private static readonly (byte[] Name, byte Value)[] Entities =
    {
        (Encoding.ASCII.GetBytes("&lt;"), (byte)'<'),
        (Encoding.ASCII.GetBytes("&gt;"), (byte)'>'),
        (Encoding.ASCII.GetBytes("&amp;"), (byte)'&'),
        (Encoding.ASCII.GetBytes("&apos;"), (byte)'\''),
        (Encoding.ASCII.GetBytes("&quot;"), (byte)'"'),
    };

    /// <summary>A byte of an XML name in the ASCII subset Salesforce uses, without a namespace prefix.</summary>
    public static bool IsNameByte(byte b, bool first) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'_'
        || (!first && (b is >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.'));

    /// <summary>The length of the name starting at <paramref name="at"/>; 0 when none starts there.</summary>
    [MethodImpl(Jit.Optimize)]
    public static int NameLength(ReadOnlySpan<byte> bytes, int at)
    {
        var end = at;
        while (end < bytes.Length && IsNameByte(bytes[end], first: end == at))
        {
            end++;
        }

        return end - at;
    }

    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\t' or (byte)'\r';

    /// <summary>The '>' that ends the tag opened at <paramref name="open"/>, skipping quoted attribute values; -1 when it does not end.</summary>
    [MethodImpl(Jit.Optimize)]
    public static int TagEnd(ReadOnlySpan<byte> bytes, int open)
    {
        var pos = open + 1;
        while (true)
        {
            var found = bytes.Slice(pos).IndexOfAny((byte)'>', (byte)'"', (byte)'\'');
            if (found < 0)
            {
                return -1;
            }

            pos += found;
            if (bytes[pos] == (byte)'>')
            {
                return pos;
            }

            var closing = bytes.Slice(pos + 1).IndexOf(bytes[pos]);
            if (closing < 0)
            {
                return -1;
            }

            pos += closing + 2;
        }
    }

    /// <summary>The position just after <paramref name="terminator"/> at or after <paramref name="from"/>; the end when there is none.</summary>
    public static int SkipPast(ReadOnlySpan<byte> bytes, int from, ReadOnlySpan<byte> terminator)
    {
        var found = bytes.Slice(from).IndexOf(terminator);
        return found < 0 ? bytes.Length : from + found + terminator.Length;
    }

    /// <summary>The position just after the comment opened at <paramref name="open"/>; -1 when it is unterminated or holds "--", as XML forbids.</summary>
    public static int CommentEnd(ReadOnlySpan<byte> bytes, int open)
    {
        var body = open + CommentOpen.Length;
        var dashes = bytes.Slice(body).IndexOf(new[] { (byte)'-', (byte)'-' });
        if (dashes < 0 || body + dashes + 2 >= bytes.Length || bytes[body + dashes + 2] != (byte)'>')
        {
            return -1;
        }

        return body + dashes + 3;
    }

    /// <summary>The length of the predefined entity at <paramref name="at"/> ("&amp;amp;" is 5), or 0 for anything else.</summary>
    public static int EntityLength(ReadOnlySpan<byte> bytes, int at)
    {
        foreach (var entity in Entities)
        {
            if (bytes.Length - at >= entity.Name.Length && bytes.Slice(at, entity.Name.Length).SequenceEqual(entity.Name))
            {
                return entity.Name.Length;
            }
        }

        return 0;
    }

    /// <summary>The byte the predefined entity of <paramref name="length"/> bytes at <paramref name="at"/> stands for.</summary>
    public static byte EntityValue(ReadOnlySpan<byte> bytes, int at, int length)
    {
        foreach (var entity in Entities)
        {
            if (entity.Name.Length == length && bytes.Slice(at, length).SequenceEqual(entity.Name))
            {
                return entity.Value;
            }
        }

        throw new InvalidOperationException("Not an entity.");
    }

    /// <summary>Text with its predefined entities decoded; null when it holds any other reference (the parser decides those).</summary>
    public static string? DecodeText(byte[] bytes, int start, int length)
    {
        var text = new ReadOnlySpan<byte>(bytes, start, length);
        if (text.IndexOf((byte)'&') < 0)
        {
            return Encoding.UTF8.GetString(bytes, start, length);
        }

        var decoded = new byte[length];
        var count = DecodeEntities(text, decoded);
        return count < 0 ? null : Encoding.UTF8.GetString(decoded, 0, count);
    }

    /// <summary>
    /// Copies <paramref name="text"/> into <paramref name="decoded"/> (at least as long) with its predefined
    /// entities decoded; returns the length written, or -1 when it holds any other reference.
    /// </summary>
    public static int DecodeEntities(ReadOnlySpan<byte> text, byte[] decoded)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text[i] == (byte)'&' ? EntityLength(text, i) : -1;
            if (entity == 0)
            {
                return -1;
            }

            decoded[count++] = entity < 0 ? text[i] : EntityValue(text, i, entity);
            i += Math.Max(0, entity - 1);
        }

        return count;
    }
}
