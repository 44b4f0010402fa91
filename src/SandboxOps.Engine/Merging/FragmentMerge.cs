using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Xml;
using XmlException = System.Xml.XmlException;

namespace SandboxOps.Engine.Merging;

/// <summary>
/// The fast path of a merge of a whole-file component whose root children are singletons or keyed entries (a
/// profile, a permission set): the three files are split into their root children by bytes
/// (<see cref="XmlFragments"/>), an entry whose bytes are the same on two sides settles without parsing, and
/// only an entry changed on both sides is parsed and merged by element (<see cref="ElementMerge.MergeElement"/>).
/// The result is the target's file with the entries replaced, added and removed: its declaration, indentation
/// and order kept. Null when a file does not split or a root child repeats without a key: the tree merge then
/// decides.
/// </summary>
internal static class FragmentMerge
{
    public static MergeResult<byte[]>? Merge(ArraySegment<byte> ancestor, ArraySegment<byte> source, ArraySegment<byte> target, IReadOnlyDictionary<string, string[]> rootKeys, MergeSide onConflict)
    {
        string[]? KeysFor(string name) => rootKeys.TryGetValue(name, out var keys) ? keys : null;
        try
        {
            return MergeInPlace(ancestor, source, target, KeysFor, onConflict) ?? MergeSplit(ancestor, source, target, KeysFor, onConflict);
        }
        catch (XmlException)
        {
            return null; // an entry only the whole file's parse can read (a namespace prefix declared on the root)
        }
    }

    /// <summary>
    /// When each side changed entries only in place (no entry added, removed or moved), the entries that differ
    /// from the ancestor are found by skipping equal bytes (<see cref="XmlFragments.DifferingChildren"/>): a 13 MB
    /// profile with 2,000 changed entries scans those, not its 100,000. Null otherwise.
    /// </summary>
    private static MergeResult<byte[]>? MergeInPlace(ArraySegment<byte> ancestor, ArraySegment<byte> source, ArraySegment<byte> target, Func<string, string[]?> keysFor, MergeSide onConflict)
    {
        if (XmlFragments.DifferingChildren(ancestor, source, keysFor) is not { } bySource || XmlFragments.DifferingChildren(ancestor, target, keysFor) is not { } byTarget)
        {
            return null;
        }

        // Each ancestor entry that changed, by its offset: what the source and the target made of it.
        var changes = new SortedDictionary<int, (XmlFragment Ancestor, XmlFragment? Source, XmlFragment? Target)>();
        for (var i = 0; i < bySource.Source.Count; i++)
        {
            changes[bySource.Source[i].Start] = (bySource.Source[i], bySource.Target[i], null);
        }

        for (var i = 0; i < byTarget.Source.Count; i++)
        {
            var was = byTarget.Source[i];
            changes[was.Start] = (was, changes.TryGetValue(was.Start, out var change) ? change.Source : null, byTarget.Target[i]);
        }

        var taken = new List<MergedElement>();
        var conflicts = new List<MergeConflict>();
        using var output = new MemoryStream(target.Count + 1024);
        var copied = 0;
        var shift = 0; // where the target's bytes are, against the ancestor's, after the target's last change
        foreach (var (was, fromSource, fromTarget) in changes.Values)
        {
            var path = Identity(was);
            byte[]? replacement = null;
            if (fromTarget is null)
            {
                taken.Add(new MergedElement(path, MergeSide.Source));
                replacement = Slice(source, fromSource!.Value).ToArray();
            }
            else if (fromSource is null)
            {
                taken.Add(new MergedElement(path, MergeSide.Target));
            }
            else if (!Slice(source, fromSource.Value).AsSpan().SequenceEqual(Slice(target, fromTarget.Value).AsSpan()))
            {
                var merged = ElementMerge.MergeElement(Parse(Slice(ancestor, was)), Parse(Slice(source, fromSource.Value)), Parse(Slice(target, fromTarget.Value)), path, onConflict);
                taken.AddRange(merged.Taken);
                conflicts.AddRange(merged.Conflicts);
                replacement = XmlNodeWriter.WriteRootChild(merged.Merged!);
            }

            var at = fromTarget?.Start ?? was.Start + shift;
            if (replacement is not null)
            {
                output.Write(target.Array!, copied, at - copied);
                output.Write(replacement, 0, replacement.Length);
                copied = at + (fromTarget?.Length ?? was.Length);
            }

            if (fromTarget is { } changed)
            {
                shift = changed.Start + changed.Length - (was.Start + was.Length);
            }
        }

        output.Write(target.Array!, copied, target.Count - copied);
        return new MergeResult<byte[]>(output.ToArray(), taken, conflicts);
    }

    private static ArraySegment<byte> Slice(ArraySegment<byte> file, XmlFragment fragment) => new(file.Array!, fragment.Start, fragment.Length);

    /// <summary>The general case: the three files split whole, their entries matched by name and key.</summary>
    private static MergeResult<byte[]>? MergeSplit(ArraySegment<byte> ancestor, ArraySegment<byte> source, ArraySegment<byte> target, Func<string, string[]?> keysFor, MergeSide onConflict)
    {
        var a = Entries(ancestor, keysFor);
        var s = Entries(source, keysFor);
        var t = Entries(target, keysFor);
        if (a is null || s is null || t is null || t.Order.Count == 0)
        {
            return null;
        }

        var taken = new List<MergedElement>();
        var conflicts = new List<MergeConflict>();
        var pieces = new Dictionary<string, ArraySegment<byte>?>(StringComparer.Ordinal);
        var identities = ElementMerge.OrderedUnion(t.Order, s.Order);
        identities.AddRange(a.Order.Where(id => !s.Fragments.ContainsKey(id) && !t.Fragments.ContainsKey(id)));
        foreach (var id in identities)
        {
            var (b, fromSource, fromTarget) = (a.Bytes(id), s.Bytes(id), t.Bytes(id));
            if (Same(fromSource, fromTarget))
            {
                pieces[id] = fromTarget;
            }
            else if (Same(b, fromSource))
            {
                taken.Add(new MergedElement(id, MergeSide.Target, removed: fromTarget is null));
                pieces[id] = fromTarget;
            }
            else if (Same(b, fromTarget))
            {
                taken.Add(new MergedElement(id, MergeSide.Source, removed: fromSource is null));
                pieces[id] = fromSource;
            }
            else
            {
                var merged = ElementMerge.MergeElement(Parse(b), Parse(fromSource), Parse(fromTarget), id, onConflict);
                taken.AddRange(merged.Taken);
                conflicts.AddRange(merged.Conflicts);
                pieces[id] = merged.Merged is null ? null : new ArraySegment<byte>(XmlNodeWriter.WriteRootChild(merged.Merged));
            }
        }

        return new MergeResult<byte[]>(Assemble(target, t, identities.Select(id => pieces[id])), taken, conflicts);
    }

    /// <summary>The target's bytes before its first root child and after its last, with the merged children between, one per line.</summary>
    private static byte[] Assemble(ArraySegment<byte> target, Split split, IEnumerable<ArraySegment<byte>?> children)
    {
        var first = split.First;
        var last = split.Last;
        var separator = split.Separator ?? "\n    "u8.ToArray();
        using var output = new MemoryStream(target.Count);
        output.Write(target.Array!, target.Offset, first.Start - target.Offset);
        var written = false;
        foreach (var child in children)
        {
            if (child is not { } bytes)
            {
                continue;
            }

            if (written)
            {
                output.Write(separator, 0, separator.Length);
            }

            output.Write(bytes.Array!, bytes.Offset, bytes.Count);
            written = true;
        }

        var tail = last.Start + last.Length;
        output.Write(target.Array!, tail, target.Offset + target.Count - tail);
        return output.ToArray();
    }

    private static bool Same(ArraySegment<byte>? a, ArraySegment<byte>? b) =>
        a is { } x ? b is { } y && x.AsSpan().SequenceEqual(y.AsSpan()) : b is null;

    private static XmlNode? Parse(ArraySegment<byte>? bytes) => bytes is { } b ? XmlNode.Parse(b.Array!, b.Offset, b.Count) : null;

    /// <summary>How a root child is named in paths: <c>name</c>, or <c>name[key]</c> for a keyed entry.</summary>
    private static string Identity(XmlFragment fragment) => fragment.Key is null ? fragment.Name : fragment.Name + "[" + fragment.Key + "]";

    private static Split? Entries(ArraySegment<byte> file, Func<string, string[]?> keysFor)
    {
        var fragments = XmlFragments.Split(file, keysFor);
        if (fragments is null)
        {
            return null;
        }

        var byIdentity = new Dictionary<string, XmlFragment>(StringComparer.Ordinal);
        var order = new List<string>(fragments.Count);
        foreach (var fragment in fragments)
        {
            var id = Identity(fragment);
            if (byIdentity.ContainsKey(id))
            {
                return null; // a repeated element without a key: its order means something, the tree merge decides
            }

            byIdentity.Add(id, fragment);
            order.Add(id);
        }

        return new Split(file, byIdentity, order, fragments);
    }

    /// <summary>One side's root children by identity (<c>name</c>, or <c>name[key]</c> for a keyed entry), in file order.</summary>
    private sealed class Split
    {
        private readonly ArraySegment<byte> _file;

        public Split(ArraySegment<byte> file, Dictionary<string, XmlFragment> fragments, List<string> order, List<XmlFragment> inFileOrder)
        {
            _file = file;
            Fragments = fragments;
            Order = order;
            if (inFileOrder.Count > 0)
            {
                First = inFileOrder[0];
                Last = inFileOrder[inFileOrder.Count - 1];
            }

            if (inFileOrder.Count > 1)
            {
                var gapStart = First.Start + First.Length;
                Separator = new ArraySegment<byte>(file.Array!, gapStart, inFileOrder[1].Start - gapStart).ToArray();
            }
        }

        public Dictionary<string, XmlFragment> Fragments { get; }

        public List<string> Order { get; }

        public XmlFragment First { get; }

        public XmlFragment Last { get; }

        /// <summary>The whitespace between the first two root children: the file's line break and indentation.</summary>
        public byte[]? Separator { get; }

        public ArraySegment<byte>? Bytes(string id) =>
            Fragments.TryGetValue(id, out var fragment) ? new ArraySegment<byte>(_file.Array!, fragment.Start, fragment.Length) : null;
    }
}
