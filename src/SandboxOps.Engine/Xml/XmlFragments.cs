using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using SandboxOps.Engine.Hashing;

namespace SandboxOps.Engine.Xml;

/// <summary>One child element of a document's root, as a byte range of the file, with its key where one was asked for.</summary>
internal readonly struct XmlFragment
{
    public XmlFragment(string name, int start, int length, string? key)
    {
        Name = name;
        Start = start;
        Length = length;
        Key = key;
    }

    public string Name { get; }

    public int Start { get; }

    public int Length { get; }

    /// <summary>The joined text of the key elements (fullName, field...), or null when the name has none.</summary>
    public string? Key { get; }
}

/// <summary>
/// Splits an XML document into its root's child elements without parsing them: a byte scanner that
/// tracks tags and depth and reads only the key elements asked for. It handles what Salesforce writes
/// (declaration, comments, CDATA, attributes, self-closing tags) and gives up (null) on anything else,
/// a DOCTYPE or namespace prefixes included, so that the caller parses the file properly instead.
/// It allocates nothing per tag: names are compared as bytes and a fragment's name string is reused.
/// </summary>
internal static class XmlFragments
{
    /// <summary>The root's children, in document order; null when the scanner cannot vouch for the result.</summary>
    /// <param name="document">The whole file, at the start of the array.</param>
    /// <param name="keysFor">For a child element name, the names of its own children whose text keys it (null for none).</param>
    public static List<XmlFragment>? Split(ArraySegment<byte> document, Func<string, string[]?> keysFor)
    {
        var start = document.Count >= 3 && document.Array![0] == 0xEF && document.Array[1] == 0xBB && document.Array[2] == 0xBF ? 3 : 0;
        return Scan(document.Array!, start, document.Count, initialDepth: 0, new NameCache(keysFor), int.MaxValue);
    }

    /// <summary>
    /// The fragments between two positions that both lie between root children (see <see cref="Window"/>);
    /// null when the bytes there do not scan as whole children of the root.
    /// </summary>
    public static List<XmlFragment>? SplitWindow(byte[] bytes, int start, int end, Func<string, string[]?> keysFor) =>
        Scan(bytes, start, end, initialDepth: 1, new NameCache(keysFor), int.MaxValue);

    /// <summary>
    /// For two pretty-printed versions of a document whose root children pair up one for one, the pairs that
    /// differ, found by skipping the equal bytes between them: a 15 MB profile with 800 changed entries scans
    /// 1,600 entries, not 200,000. Null when a differing child has no partner of its name and key at the same
    /// place (an entry added, removed or moved) or the bytes do not scan as whole children: the caller then
    /// splits a window or the whole files. Like <see cref="Window"/>, it vouches only for the bytes it scans;
    /// what it skips is the same on both sides.
    /// </summary>
    public static (List<XmlFragment> Source, List<XmlFragment> Target)? DifferingChildren(ArraySegment<byte> source, ArraySegment<byte> target, Func<string, string[]?> keysFor)
    {
        var left = new ReadOnlySpan<byte>(source.Array!, 0, source.Count);
        var right = new ReadOnlySpan<byte>(target.Array!, 0, target.Count);
        var indent = ChildIndent(left);
        if (indent is null)
        {
            return null;
        }

        var names = new NameCache(keysFor);
        var sourceChildren = new List<XmlFragment>();
        var targetChildren = new List<XmlFragment>();
        var (l, r) = (0, 0);
        while (true)
        {
            var same = CommonPrefix(left.Slice(l), right.Slice(r));
            if (l + same == left.Length && r + same == right.Length)
            {
                return (sourceChildren, targetChildren);
            }

            var childStart = LineStartBefore(left, Math.Min(l + same, left.Length - 1), indent);
            if (childStart < l)
            {
                return null; // the difference is not inside a root child that starts after the last pair
            }

            var sourceChild = Scan(source.Array!, childStart, source.Count, initialDepth: 1, names, stopAfter: 1);
            var targetChild = Scan(target.Array!, r + (childStart - l), target.Count, initialDepth: 1, names, stopAfter: 1);
            if (sourceChild?.Count != 1 || targetChild?.Count != 1)
            {
                return null;
            }

            var (s, t) = (sourceChild[0], targetChild[0]);
            if (!ReferenceEquals(s.Name, t.Name) || !string.Equals(s.Key, t.Key, StringComparison.Ordinal))
            {
                return null;
            }

            sourceChildren.Add(s);
            targetChildren.Add(t);
            (l, r) = (s.Start + s.Length, t.Start + t.Length);
        }
    }

    /// <summary>
    /// For two pretty-printed versions of a document, the part that differs, widened to whole root
    /// children: from the start of the root child holding the first differing byte to the start of the
    /// first root child wholly inside the common tail. Root children are recognised as lines indented like
    /// the document's first root child; <see cref="SplitWindow"/> then verifies the guess, and null (no
    /// window) sends the caller to a full split.
    /// </summary>
    public static (int Start, int SourceEnd, int TargetEnd)? Window(ArraySegment<byte> source, ArraySegment<byte> target)
    {
        var left = new ReadOnlySpan<byte>(source.Array!, 0, source.Count);
        var right = new ReadOnlySpan<byte>(target.Array!, 0, target.Count);
        var indent = ChildIndent(left);
        if (indent is null)
        {
            return null;
        }

        var prefix = CommonPrefix(left, right);
        var suffix = CommonSuffix(left, right, Math.Min(left.Length, right.Length) - prefix);
        var start = LineStartBefore(left, Math.Min(prefix, left.Length - 1), indent);
        var sourceEnd = LineStartAfter(left, left.Length - suffix, indent);
        if (start < 0 || sourceEnd < 0 || sourceEnd <= start)
        {
            return null;
        }

        var targetEnd = right.Length - (left.Length - sourceEnd);
        return targetEnd > start ? (start, sourceEnd, targetEnd) : null;
    }

    [MethodImpl(Jit.Optimize)]
    private static int CommonPrefix(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var length = Math.Min(left.Length, right.Length);
        const int step = 4096;
        var at = 0;
        while (at + step <= length && left.Slice(at, step).SequenceEqual(right.Slice(at, step)))
        {
            at += step;
        }

        while (at < length && left[at] == right[at])
        {
            at++;
        }

        return at;
    }

    [MethodImpl(Jit.Optimize)]
    private static int CommonSuffix(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, int limit)
    {
        const int step = 4096;
        var at = 0;
        while (at + step <= limit && left.Slice(left.Length - at - step, step).SequenceEqual(right.Slice(right.Length - at - step, step)))
        {
            at += step;
        }

        while (at < limit && left[left.Length - 1 - at] == right[right.Length - 1 - at])
        {
            at++;
        }

        return at;
    }

    /// <summary>The indentation of the root's first child ("\n" plus what precedes its '&lt;'), or null when the document is not pretty-printed.</summary>
    private static byte[]? ChildIndent(ReadOnlySpan<byte> all)
    {
        var root = -1;
        for (var pos = 0; pos < all.Length;)
        {
            var open = all.Slice(pos).IndexOf((byte)'<');
            if (open < 0)
            {
                return null;
            }

            open += pos;
            if (open + 1 < all.Length && all[open + 1] != (byte)'?' && all[open + 1] != (byte)'!')
            {
                if (root >= 0)
                {
                    var lineStart = all.Slice(0, open).LastIndexOf((byte)'\n');
                    return lineStart > root ? all.Slice(lineStart, open - lineStart).ToArray() : null;
                }

                root = open;
            }

            pos = open + 1;
        }

        return null;
    }

    /// <summary>The start of the last child line ("\n" + indent + '&lt;' + a letter) at or before <paramref name="at"/>, just after its "\n".</summary>
    private static int LineStartBefore(ReadOnlySpan<byte> all, int at, byte[] indent)
    {
        var end = at + 1;
        while (end > 0)
        {
            var found = all.Slice(0, end).LastIndexOf(indent);
            if (found < 0)
            {
                return -1;
            }

            if (IsChildStart(all, found + indent.Length))
            {
                return found + 1;
            }

            end = found;
        }

        return -1;
    }

    /// <summary>The start of the first child line at or after <paramref name="at"/>, or of the root's closing line.</summary>
    private static int LineStartAfter(ReadOnlySpan<byte> all, int at, byte[] indent)
    {
        var from = Math.Max(0, at - 1);
        while (from < all.Length)
        {
            var found = all.Slice(from).IndexOf(indent);
            if (found < 0)
            {
                return -1;
            }

            found += from;
            if (IsChildStart(all, found + indent.Length))
            {
                return found + 1;
            }

            from = found + 1;
        }

        return -1;
    }

    private static bool IsChildStart(ReadOnlySpan<byte> all, int at) =>
        at + 1 < all.Length && all[at] == (byte)'<' && ((all[at + 1] | 0x20) >= (byte)'a' && (all[at + 1] | 0x20) <= (byte)'z');

    [MethodImpl(Jit.Optimize)]
    private static List<XmlFragment>? Scan(byte[] bytes, int start, int limit, int initialDepth, NameCache names, int stopAfter)
    {
        var windowed = initialDepth == 1;
        var all = new ReadOnlySpan<byte>(bytes, 0, limit);
        var fragments = new List<XmlFragment>(Math.Min(stopAfter, Math.Max(16, (limit - start) / 160)));
        var pos = start;
        var depth = initialDepth;
        var fragmentStart = -1;
        NameCache.Entry? fragment = null;
        string?[]? keyValues = null;
        while (fragments.Count < stopAfter)
        {
            var found = all.Slice(pos).IndexOf((byte)'<');
            if (found < 0)
            {
                // A whole document ends after its root closed; a window ends between root children.
                return (windowed ? depth == 1 && fragment is null : depth == -1) ? fragments : null;
            }

            var open = pos + found;
            if (open + 1 >= all.Length)
            {
                return null;
            }

            var next = all[open + 1];
            if (next == (byte)'?')
            {
                pos = XmlByteLexer.SkipPast(all, open, XmlByteLexer.InstructionClose);
            }
            else if (next == (byte)'!')
            {
                var rest = all.Slice(open);
                if (rest.StartsWith(XmlByteLexer.CommentOpen))
                {
                    pos = XmlByteLexer.CommentEnd(all, open);
                    if (pos < 0)
                    {
                        return null;
                    }
                }
                else if (rest.StartsWith(XmlByteLexer.CdataOpen))
                {
                    pos = XmlByteLexer.SkipPast(all, open, XmlByteLexer.CdataClose);
                }
                else
                {
                    return null; // a DOCTYPE: the real parser reports it
                }
            }
            else if (next == (byte)'/')
            {
                var close = all.Slice(open).IndexOf((byte)'>');
                if (close < 0)
                {
                    return null;
                }

                close += open;
                depth--;
                if (depth == 1 && fragment is not null)
                {
                    fragments.Add(new XmlFragment(fragment.Name, fragmentStart, close + 1 - fragmentStart, Key(fragment, keyValues)));
                    fragment = null;
                }
                else if (depth == 0)
                {
                    if (windowed)
                    {
                        return null; // the window reached the root's end tag: its edges were guessed wrong
                    }

                    depth = -1; // the root closed: only trailing comments or whitespace may follow
                }

                pos = close + 1;
            }
            else
            {
                var end = XmlByteLexer.TagEnd(all, open);
                if (end < 0 || depth == -1)
                {
                    return null;
                }

                var selfClosing = all[end - 1] == (byte)'/';
                var name = TagName(all, open);
                if (name.IsEmpty)
                {
                    return null;
                }

                if (depth == 1)
                {
                    fragmentStart = open;
                    fragment = names.Get(name);
                    keyValues = fragment.KeyElements is null ? null : new string?[fragment.KeyElements.Length];
                    if (selfClosing)
                    {
                        fragments.Add(new XmlFragment(fragment.Name, open, end + 1 - open, Key(fragment, keyValues)));
                        fragment = null;
                    }
                }
                else if (depth == 2 && fragment?.KeyElements is not null && !selfClosing)
                {
                    var index = fragment.IndexOfKey(name);
                    if (index >= 0)
                    {
                        if (!TextUntilTag(bytes, all, end + 1, out var keyText))
                        {
                            return null; // a reference only the parser can decode
                        }

                        keyValues![index] = keyText;
                    }
                }

                if (!selfClosing)
                {
                    depth++;
                }

                pos = end + 1;
            }
        }

        return fragments;
    }

    private static string? Key(NameCache.Entry fragment, string?[]? values) =>
        values is null ? null : values.Length == 1 ? values[0] ?? string.Empty : string.Join("|", values).TrimEnd('|');

    /// <summary>The element name's bytes; empty for a prefixed or unusual name (the caller then parses properly).</summary>
    private static ReadOnlySpan<byte> TagName(ReadOnlySpan<byte> all, int open)
    {
        var length = XmlByteLexer.NameLength(all, open + 1);
        var after = open + 1 + length;
        return length > 0 && after < all.Length && (all[after] is (byte)'>' or (byte)'/' || XmlByteLexer.IsWhitespace(all[after]))
            ? all.Slice(open + 1, length)
            : ReadOnlySpan<byte>.Empty;
    }

    /// <summary>
    /// The text from <paramref name="start"/> to the next tag, entity-decoded; null when it holds markup other
    /// than the closing tag. False when it holds a reference only the parser can decode.
    /// </summary>
    private static bool TextUntilTag(byte[] bytes, ReadOnlySpan<byte> all, int start, out string? text)
    {
        text = null;
        var length = all.Slice(start).IndexOf((byte)'<');
        if (length < 0 || start + length + 1 >= all.Length || all[start + length + 1] != (byte)'/')
        {
            return true;
        }

        text = XmlByteLexer.DecodeText(bytes, start, length);
        return text is not null;
    }

    /// <summary>Element names seen at the fragment level, as strings made once, with their key elements as bytes.</summary>
    private sealed class NameCache
    {
        private readonly Func<string, string[]?> _keysFor;
        private readonly List<Entry> _entries = new();
        private Entry? _last;

        public NameCache(Func<string, string[]?> keysFor)
        {
            _keysFor = keysFor;
        }

        [MethodImpl(Jit.Optimize)]
        public Entry Get(ReadOnlySpan<byte> name)
        {
            if (_last is not null && name.SequenceEqual(_last.Bytes))
            {
                return _last;
            }

            foreach (var entry in _entries)
            {
                if (name.SequenceEqual(entry.Bytes))
                {
                    return _last = entry;
                }
            }

            var text = Encoding.ASCII.GetString(name.ToArray());
            var created = new Entry(text, _keysFor(text));
            _entries.Add(created);
            return _last = created;
        }

        public sealed class Entry
        {
            private readonly byte[][]? _keyBytes;

            public Entry(string name, string[]? keyElements)
            {
                Name = name;
                Bytes = Encoding.ASCII.GetBytes(name);
                KeyElements = keyElements;
                _keyBytes = keyElements is null ? null : Array.ConvertAll(keyElements, Encoding.ASCII.GetBytes);
            }

            public string Name { get; }

            public byte[] Bytes { get; }

            public string[]? KeyElements { get; }

            public int IndexOfKey(ReadOnlySpan<byte> name)
            {
                for (var i = 0; i < _keyBytes!.Length; i++)
                {
                    if (name.SequenceEqual(_keyBytes[i]))
                    {
                        return i;
                    }
                }

                return -1;
            }
        }
    }
}
