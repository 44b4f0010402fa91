using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Hashing;

namespace SandboxOps.Engine.Xml;

/// <summary>
/// The canonical hash of <see cref="CanonicalXml"/>, computed from the bytes of a document without an XML
/// parser, for the plain XML that Salesforce writes: UTF-8, elements without attributes or prefixes,
/// text without entities, CDATA or carriage returns, children in schema order. Such a document's text
/// bytes are already the UTF-8 the hash takes, so tokens are copied, not decoded and encoded again; a
/// profile hashes about four times faster. Anything outside that subset, malformed XML included, makes
/// TryHash answer false and the caller parses the file properly.
/// </summary>
internal static class CanonicalBytes
{
    private const int MaxDepth = 64;
    private static readonly byte[] FullName = Encoding.ASCII.GetBytes("fullName");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Each type's keyed lists as bytes, made once per rule set rather than once per file.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, string[]>, (byte[] Name, byte[][] Keys)[]> KeyedListBytes = new();

    /// <summary>The document's canonical hash, or false when it is not plain enough to hash from bytes.</summary>
    public static bool TryHash(byte[] document, int length, IReadOnlyDictionary<string, string[]> keyedLists, out Digest digest) =>
        TryHash(document, 0, length, keyedLists, out digest);

    /// <summary>
    /// The canonical hash of the element at <paramref name="start"/> taken as a document (a child of an
    /// object file hashes as the child's own file does), or false when it is not plain enough.
    /// </summary>
    public static bool TryHash(byte[] document, int start, int length, IReadOnlyDictionary<string, string[]> keyedLists, out Digest digest)
    {
        digest = default;
        var tokens = TokenBuffer.Rent();
        try
        {
            var scanner = new Scanner(document, start, length, keyedLists, tokens);
            if (!scanner.Document())
            {
                return false;
            }

            digest = scanner.Finish();
            return true;
        }
        finally
        {
            tokens.Return();
        }
    }

    /// <summary>A root child: its name in the document, its key in the key buffer, and its tokens.</summary>
    private readonly struct Entry
    {
        public Entry(int nameStart, int nameLength, int keyStart, int keyLength, int tokenStart, int tokenLength)
        {
            NameStart = nameStart;
            NameLength = nameLength;
            KeyStart = keyStart;
            KeyLength = keyLength;
            TokenStart = tokenStart;
            TokenLength = tokenLength;
        }

        public int NameStart { get; }

        public int NameLength { get; }

        public int KeyStart { get; }

        public int KeyLength { get; }

        public int TokenStart { get; }

        public int TokenLength { get; }
    }

    /// <summary>An element's name and, when it has no children, its text (TextStart -1 when it has), as places in the document.</summary>
    private readonly struct ChildText
    {
        public ChildText(int nameStart, int nameLength, int textStart, int textLength)
        {
            NameStart = nameStart;
            NameLength = nameLength;
            TextStart = textStart;
            TextLength = textLength;
        }

        public int NameStart { get; }

        public int NameLength { get; }

        public int TextStart { get; }

        public int TextLength { get; }
    }

    /// <summary>A child of an element being read: its name in the document and its tokens in the buffer.</summary>
    private readonly struct TokenRange
    {
        public TokenRange(int nameStart, int nameLength, int tokenStart, int tokenLength)
        {
            NameStart = nameStart;
            NameLength = nameLength;
            TokenStart = tokenStart;
            TokenLength = tokenLength;
        }

        public int NameStart { get; }

        public int NameLength { get; }

        public int TokenStart { get; }

        public int TokenLength { get; }
    }

    /// <summary>One pass over one document. Every method returns false as soon as the input leaves the subset.</summary>
    private sealed class Scanner
    {
        private readonly byte[] _bytes;
        private readonly int _end;
        private readonly (byte[] Name, byte[][] Keys)[] _keyedLists;
        private readonly TokenBuffer _tokens;
        private readonly List<ChildText> _children = new();
        private readonly List<TokenRange> _openChildren = new();
        private readonly List<Entry> _entries;
        private byte[] _keys = new byte[256];
        private int _keysUsed;
        private int _at;

        public Scanner(byte[] bytes, int start, int length, IReadOnlyDictionary<string, string[]> keyedLists, TokenBuffer tokens)
        {
            _bytes = bytes;
            _end = start + length;
            _keyedLists = KeyedListBytes.GetValue(keyedLists, lists => lists.Select(list => (Encoding.ASCII.GetBytes(list.Key), list.Value.Select(Encoding.ASCII.GetBytes).ToArray())).ToArray());
            _tokens = tokens;
            _entries = new List<Entry>(Math.Max(16, length / 128)); // a profile's entries take about 150 bytes each: one allocation, not eighteen
            _at = start == 0 && length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : start;
        }

        public bool Document()
        {
            if (StartsWith(XmlByteLexer.Declaration) && !XmlDeclaration())
            {
                return false;
            }

            if (!Misc() || !Skip('<') || !Name(out var rootStart, out var rootLength) || !RootAttributes() || !Skip('>'))
            {
                return false;
            }

            while (true)
            {
                SkipWhitespace();
                if (StartsWith(XmlByteLexer.CommentOpen))
                {
                    if (!Comment())
                    {
                        return false;
                    }

                    continue;
                }

                if (!At('<') || _at + 1 >= _end)
                {
                    return false;
                }

                if (_bytes[_at + 1] == (byte)'/')
                {
                    _at += 2;
                    return EndTag(rootStart, rootLength) && Misc() && _at == _end && _entries.Count > 0;
                }

                if (!RootChild())
                {
                    return false;
                }
            }
        }

        public Digest Finish()
        {
            _entries.Sort(Compare);
            using var writer = DigestWriter.Rent();
            foreach (var entry in _entries)
            {
                _tokens.CopyTo(writer, entry.TokenStart, entry.TokenLength);
            }

            return writer.Finish();
        }

        private int Compare(Entry left, Entry right)
        {
            var byName = Bytes(left.NameStart, left.NameLength).SequenceCompareTo(Bytes(right.NameStart, right.NameLength));
            if (byName != 0)
            {
                return byName;
            }

            var byKey = CompareKeys(left, right);
            return byKey != 0 ? byKey : left.TokenStart.CompareTo(right.TokenStart);
        }

        private int CompareKeys(Entry left, Entry right) =>
            new ReadOnlySpan<byte>(_keys, left.KeyStart, left.KeyLength).SequenceCompareTo(new ReadOnlySpan<byte>(_keys, right.KeyStart, right.KeyLength));

        /// <summary>A child of the root: its tokens go to the buffer, its place and key to the entries.</summary>
        private bool RootChild()
        {
            _at++;
            if (!Name(out var nameStart, out var nameLength))
            {
                return false;
            }

            var tokenStart = _tokens.Length;
            _children.Clear();
            if (!ElementAfterName(nameStart, nameLength, depth: 1, _children, out _))
            {
                return false;
            }

            if (IsName(nameStart, nameLength, FullName))
            {
                _tokens.Truncate(tokenStart); // the root's fullName is not part of the canonical form
                return true;
            }

            var keyStart = _keysUsed;
            if (!Key(nameStart, nameLength))
            {
                return false;
            }

            _entries.Add(new Entry(nameStart, nameLength, keyStart, _keysUsed - keyStart, tokenStart, _tokens.Length - tokenStart));
            return true;
        }

        /// <summary>The joined text of the entry's key elements, when its name keys it; ASCII only, so bytes order as strings do.</summary>
        private bool Key(int nameStart, int nameLength)
        {
            var keyElements = KeysOf(nameStart, nameLength);
            if (keyElements is null)
            {
                return true;
            }

            for (var k = 0; k < keyElements.Length; k++)
            {
                if (k > 0)
                {
                    AddKeyByte(0x1F);
                }

                var keyName = keyElements[k];
                foreach (var child in _children)
                {
                    if (IsName(child.NameStart, child.NameLength, keyName))
                    {
                        if (child.TextStart < 0)
                        {
                            return false; // a key element with children of its own
                        }

                        for (var i = child.TextStart; i < child.TextStart + child.TextLength; i++)
                        {
                            if (_bytes[i] >= 0x80)
                            {
                                return false;
                            }

                            AddKeyByte(_bytes[i]);
                        }

                        break;
                    }
                }
            }

            return true;
        }

        private byte[][]? KeysOf(int nameStart, int nameLength)
        {
            foreach (var (name, keys) in _keyedLists)
            {
                if (IsName(nameStart, nameLength, name))
                {
                    return keys;
                }
            }

            return null;
        }

        private void AddKeyByte(byte value)
        {
            if (_keysUsed == _keys.Length)
            {
                Array.Resize(ref _keys, _keys.Length * 2);
            }

            _keys[_keysUsed++] = value;
        }

        /// <summary>
        /// The rest of an element whose name has been read: writes its tokens, gives its text's place when
        /// it has no children (start -1 when it has), and, when asked, lists its children's names and texts.
        /// </summary>
        private bool ElementAfterName(int nameStart, int nameLength, int depth, List<ChildText>? children, out ChildText text)
        {
            text = new ChildText(nameStart, nameLength, -1, 0);
            if (depth > MaxDepth)
            {
                return false;
            }

            _tokens.Tag('<');
            _tokens.Text(_bytes, nameStart, nameLength);
            SkipWhitespace();
            if (StartsWith('/', '>'))
            {
                _at += 2;
                text = Leaf(nameStart, nameLength, _at, 0, hasEntities: false);
                _tokens.Tag('>');
                return true;
            }

            if (!Skip('>'))
            {
                return false; // attributes
            }

            var textStart = _at;
            var textLength = 0;
            var textHasEntities = false;
            var firstChild = _openChildren.Count;
            var sorted = true;
            while (true)
            {
                var runStart = _at;
                if (!Text(out var whitespaceOnly, out var hasEntities))
                {
                    return false;
                }

                if (!whitespaceOnly)
                {
                    if (_openChildren.Count > firstChild)
                    {
                        return false; // mixed content
                    }

                    textStart = runStart;
                    textLength = _at - runStart;
                    textHasEntities = hasEntities;
                }

                if (!At('<') || _at + 1 >= _end)
                {
                    return false;
                }

                if (_bytes[_at + 1] == (byte)'/')
                {
                    _at += 2;
                    if (!EndTag(nameStart, nameLength))
                    {
                        return false;
                    }

                    break;
                }

                _at++;
                if (textLength > 0 || !Name(out var childStart, out var childLength))
                {
                    return false; // mixed content, a comment, CDATA or an instruction inside an element
                }

                if (_openChildren.Count > firstChild)
                {
                    var previous = _openChildren[_openChildren.Count - 1];
                    sorted &= Bytes(previous.NameStart, previous.NameLength).SequenceCompareTo(Bytes(childStart, childLength)) <= 0;
                }

                var tokenStart = _tokens.Length;
                if (!ElementAfterName(childStart, childLength, depth + 1, children: null, out var childText))
                {
                    return false;
                }

                children?.Add(childText);
                _openChildren.Add(new TokenRange(childStart, childLength, tokenStart, _tokens.Length - tokenStart));
            }

            var childCount = _openChildren.Count - firstChild;
            if (childCount == 0)
            {
                text = Leaf(nameStart, nameLength, textStart, textLength, textHasEntities);
            }
            else if (!sorted)
            {
                SortChildren(firstChild);
            }

            _openChildren.RemoveRange(firstChild, childCount);
            _tokens.Tag('>');
            return true;
        }

        /// <summary>Puts an element's children (the open ranges from <paramref name="first"/>) in name order, as the canonical form does; equal names keep their order.</summary>
        private void SortChildren(int first)
        {
            var children = _openChildren.GetRange(first, _openChildren.Count - first);
            var regionStart = children[0].TokenStart;
            children.Sort((left, right) =>
            {
                var byName = Bytes(left.NameStart, left.NameLength).SequenceCompareTo(Bytes(right.NameStart, right.NameLength));
                return byName != 0 ? byName : left.TokenStart.CompareTo(right.TokenStart);
            });
            _tokens.Reorder(regionStart, children.ConvertAll(c => (c.TokenStart, c.TokenLength)));
        }

        private ChildText Leaf(int nameStart, int nameLength, int textStart, int textLength, bool hasEntities)
        {
            _tokens.Tag('T');
            WriteText(textStart, textLength, hasEntities);
            return new ChildText(nameStart, nameLength, hasEntities ? -1 : textStart, textLength);
        }

        /// <summary>
        /// Moves over character data up to the next '&lt;'; false when it holds anything the parser would
        /// change or refuse (a character reference or unknown entity, a carriage return, "]]&gt;", a control
        /// character, invalid UTF-8). The five predefined entities are decoded when the text is written.
        /// </summary>
        private bool Text(out bool whitespaceOnly, out bool hasEntities)
        {
            whitespaceOnly = true;
            hasEntities = false;
            var start = _at;
            var nonAscii = false;
            var sawReturn = false;
            while (_at < _end)
            {
                var b = _bytes[_at];
                if (b == (byte)'<')
                {
                    break;
                }

                if (b is (byte)' ' or (byte)'\n' or (byte)'\t')
                {
                    _at++;
                    continue;
                }

                if (b == (byte)'\r')
                {
                    sawReturn = true;
                    _at++;
                    continue;
                }

                if (b == (byte)'&')
                {
                    var entity = XmlByteLexer.EntityLength(Whole(), _at);
                    if (entity == 0)
                    {
                        return false;
                    }

                    hasEntities = true;
                    whitespaceOnly = false;
                    _at += entity;
                    continue;
                }

                if ((b == (byte)'>' && _at - start >= 2 && _bytes[_at - 1] == (byte)']' && _bytes[_at - 2] == (byte)']') || b < 0x20)
                {
                    return false;
                }

                nonAscii |= b >= 0x80;
                whitespaceOnly = false;
                _at++;
            }

            if (whitespaceOnly)
            {
                return true;
            }

            return !sawReturn && (!nonAscii || IsUtf8(start, _at - start));
        }

        /// <summary>A leaf's text as a token, its entities decoded.</summary>
        private void WriteText(int start, int length, bool hasEntities)
        {
            if (!hasEntities)
            {
                _tokens.Text(_bytes, start, length);
                return;
            }

            // Text() let only the predefined entities through, so the decoding cannot decline here.
            var decoded = new byte[length];
            _tokens.Text(decoded, 0, XmlByteLexer.DecodeEntities(Bytes(start, length), decoded));
        }

        /// <summary>Valid UTF-8 without U+FFFE or U+FFFF, which XML does not allow.</summary>
        private bool IsUtf8(int start, int length)
        {
            for (var i = start; i + 2 < start + length; i++)
            {
                if (_bytes[i] == 0xEF && _bytes[i + 1] == 0xBF && _bytes[i + 2] >= 0xBE)
                {
                    return false;
                }
            }

            try
            {
                StrictUtf8.GetCharCount(_bytes, start, length);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        /// <summary>An XML name in the ASCII subset Salesforce uses, without a prefix.</summary>
        private bool Name(out int start, out int length)
        {
            start = _at;
            length = XmlByteLexer.NameLength(Whole(), _at);
            _at += length;
            return length > 0;
        }

        private bool EndTag(int nameStart, int nameLength)
        {
            if (!Name(out var start, out var length) || !Bytes(start, length).SequenceEqual(Bytes(nameStart, nameLength)))
            {
                return false;
            }

            SkipWhitespace();
            return Skip('>');
        }

        /// <summary>Namespace declarations only: the canonical form leaves them out.</summary>
        private bool RootAttributes()
        {
            while (true)
            {
                var before = _at;
                SkipWhitespace();
                if (At('>'))
                {
                    return true;
                }

                if (_at == before || !StartsWithAscii("xmlns"))
                {
                    return false;
                }

                _at += 5;
                if (At(':'))
                {
                    _at++;
                    if (!Name(out _, out _))
                    {
                        return false;
                    }
                }

                SkipWhitespace();
                if (!Skip('='))
                {
                    return false;
                }

                SkipWhitespace();
                if (!QuotedValue())
                {
                    return false;
                }
            }
        }

        private bool QuotedValue()
        {
            if (!At('"') && !At('\''))
            {
                return false;
            }

            var quote = _bytes[_at++];
            while (_at < _end && _bytes[_at] != quote)
            {
                if (_bytes[_at] is (byte)'<' or (byte)'&' || _bytes[_at] >= 0x80 || _bytes[_at] < 0x20)
                {
                    return false;
                }

                _at++;
            }

            return Skip((char)quote);
        }

        /// <summary>The XML declaration; only UTF-8 (or no encoding named) stays on this path.</summary>
        private bool XmlDeclaration()
        {
            var close = new ReadOnlySpan<byte>(_bytes, _at, _end - _at).IndexOf(new[] { (byte)'?', (byte)'>' });
            if (close < 0)
            {
                return false;
            }

            var text = Encoding.ASCII.GetString(_bytes, _at, close);
            _at += close + 2;
            var encoding = text.IndexOf("encoding", StringComparison.Ordinal);
            return encoding < 0 || text.IndexOf("UTF-8", encoding, StringComparison.OrdinalIgnoreCase) > encoding;
        }

        /// <summary>Whitespace and comments outside the root.</summary>
        private bool Misc()
        {
            while (true)
            {
                SkipWhitespace();
                if (!StartsWith(XmlByteLexer.CommentOpen))
                {
                    return true;
                }

                if (!Comment())
                {
                    return false;
                }
            }
        }

        private bool Comment()
        {
            var end = XmlByteLexer.CommentEnd(Whole(), _at);
            if (end < 0)
            {
                return false;
            }

            _at = end;
            return true;
        }

        private void SkipWhitespace()
        {
            while (_at < _end && XmlByteLexer.IsWhitespace(_bytes[_at]))
            {
                _at++;
            }
        }

        /// <summary>The document's bytes, for the lexer.</summary>
        private ReadOnlySpan<byte> Whole() => new(_bytes, 0, _end);

        private bool IsName(int start, int length, byte[] name) => Bytes(start, length).SequenceEqual(name);

        private ReadOnlySpan<byte> Bytes(int start, int length) => new(_bytes, start, length);

        private bool At(char c) => _at < _end && _bytes[_at] == (byte)c;

        private bool Skip(char c)
        {
            if (!At(c))
            {
                return false;
            }

            _at++;
            return true;
        }

        private bool StartsWith(char first, char second) => _at + 1 < _end && _bytes[_at] == (byte)first && _bytes[_at + 1] == (byte)second;

        private bool StartsWith(byte[] prefix) => _end - _at >= prefix.Length && new ReadOnlySpan<byte>(_bytes, _at, prefix.Length).SequenceEqual(prefix);

        private bool StartsWithAscii(string prefix) => StartsWith(Encoding.ASCII.GetBytes(prefix));
    }
}
