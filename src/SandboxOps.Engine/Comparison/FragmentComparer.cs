using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using SandboxOps.Engine.Hashing;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;
using SandboxOps.Engine.Xml;
using XmlNode = SandboxOps.Engine.Xml.XmlNode;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Compares two versions of one XML file by its root's children, without parsing the ones that are the
/// same bytes: an object file with three changed fields out of five hundred parses six elements, a
/// 10 MB profile with one changed permission parses two. Entries are paired by key (a child's fullName,
/// a keyed list's key) or, for ordered lists, by position within their element name. When anything does
/// not pair up cleanly, its verdict is Undecided (with the reason) and the caller parses the files whole.
/// </summary>
internal sealed class FragmentComparer
{
    private readonly UnitReader _sourceReader;
    private readonly UnitReader _targetReader;

    public FragmentComparer(UnitReader sourceReader, UnitReader targetReader)
    {
        _sourceReader = sourceReader;
        _targetReader = targetReader;
    }

    /// <summary>The components that may differ, per side (identical ones left out), or Undecided to parse whole.</summary>
    public FragmentVerdict Compare(ReadUnit sourceUnit, ArraySegment<byte> source, ReadUnit targetUnit, ArraySegment<byte> target)
    {
        var definition = sourceUnit.Definition;
        if (definition is null)
        {
            return FragmentVerdict.Undecided("not a known type");
        }

        var keyedLists = UnorderedListRules.ForType(sourceUnit.TypeName);
        string[]? KeysFor(string element) =>
            (sourceUnit.Kind == UnitKind.Container ? definition.ChildIdentity(element) : null)
                ?? (keyedLists.TryGetValue(element, out var keys) ? keys : null);

        var left = new FragmentSide(sourceUnit, source, _sourceReader);
        var right = new FragmentSide(targetUnit, target, _targetReader);

        // First only the entries that differ (a 10 MB profile with one changed entry scans one entry a side),
        // then the stretch from the first difference to the last, then, if that cannot be trusted or an
        // ordered list changed, the whole files.
        if (XmlFragments.DifferingChildren(source, target, KeysFor) is var (sourceChildren, targetChildren)
            && left.Split(_ => sourceChildren)
            && right.Split(_ => targetChildren)
            && CompareSplit(definition, left, right, windowed: true) is { Decided: true } paired)
        {
            return paired;
        }

        if (XmlFragments.Window(source, target) is var (start, sourceEnd, targetEnd)
            && left.Split(s => XmlFragments.SplitWindow(s.Array!, start, sourceEnd, KeysFor))
            && right.Split(s => XmlFragments.SplitWindow(s.Array!, start, targetEnd, KeysFor))
            && CompareSplit(definition, left, right, windowed: true) is { Decided: true } narrowed)
        {
            return narrowed;
        }

        return left.Split(s => XmlFragments.Split(s, KeysFor)) && right.Split(s => XmlFragments.Split(s, KeysFor))
            ? CompareSplit(definition, left, right, windowed: false)
            : FragmentVerdict.Undecided("the byte scanner could not vouch for the files' structure");
    }

    private static FragmentVerdict CompareSplit(MetadataTypeDefinition definition, FragmentSide left, FragmentSide right, bool windowed) =>
        left.Unit.Kind == UnitKind.Container
            ? CompareContainer(definition, left, right, windowed)
            : CompareWhole(left, right, windowed);

    private static FragmentVerdict CompareContainer(MetadataTypeDefinition definition, FragmentSide left, FragmentSide right, bool windowed)
    {
        var leftChildren = left.Fragments.Where(f => definition.ChildForElement(f.Name) is not null).ToList();
        var rightChildren = right.Fragments.Where(f => definition.ChildForElement(f.Name) is not null).ToList();
        if (leftChildren.Concat(rightChildren).Any(f => string.IsNullOrWhiteSpace(f.Key)))
        {
            return FragmentVerdict.Undecided("a child without a name, which the full read reports");
        }

        var pairs = AlignedPairs(leftChildren, rightChildren) ?? KeyedPairs(leftChildren, rightChildren);
        if (pairs is null)
        {
            return FragmentVerdict.Undecided("a child repeated, which the full read reports");
        }

        var sourceOut = new List<ComponentContent>();
        var targetOut = new List<ComponentContent>();
        foreach (var (l, r) in pairs)
        {
            if (l is { } sourceChild && r is { } targetChild && left.Same(sourceChild, right, targetChild))
            {
                continue;
            }

            if (l is { } onlyOrChangedSource)
            {
                sourceOut.Add(left.Child(definition, onlyOrChangedSource));
            }

            if (r is { } onlyOrChangedTarget)
            {
                targetOut.Add(right.Child(definition, onlyOrChangedTarget));
            }
        }

        var leftOwn = left.Fragments.Where(f => definition.ChildForElement(f.Name) is null).ToList();
        var rightOwn = right.Fragments.Where(f => definition.ChildForElement(f.Name) is null).ToList();
        if (leftOwn.Count != rightOwn.Count || leftOwn.Zip(rightOwn, (l, r) => left.Same(l, right, r)).Any(same => !same))
        {
            if (windowed)
            {
                return FragmentVerdict.Undecided("the parent's own elements changed, and need all of them, not the window's");
            }

            left.AddOwn(definition, leftOwn, sourceOut);
            right.AddOwn(definition, rightOwn, targetOut);
        }

        return FragmentVerdict.Narrowed(sourceOut, targetOut);
    }

    /// <summary>
    /// A component that is the whole file (a profile, a layout). When every entry pairs up, only the
    /// element groups holding a differing pair are parsed; their canonical hashes are equal exactly when
    /// the components are, and diffing them gives the right paths (whole groups keep positions right).
    /// </summary>
    private static FragmentVerdict CompareWhole(FragmentSide left, FragmentSide right, bool windowed)
    {
        var differing = Aligned(left, right) ?? Matched(left, right);
        if (differing is null)
        {
            return FragmentVerdict.Undecided("an entry added or removed, whose exact paths the full parse gives");
        }

        if (differing.Count == 0)
        {
            return FragmentVerdict.Narrowed(Array.Empty<ComponentContent>(), Array.Empty<ComponentContent>());
        }

        if (windowed && differing.Any(d => d.Key is null))
        {
            return FragmentVerdict.Undecided("an ordered list changed: its whole list is needed, not the window's part");
        }

        // A keyed entry is parsed alone; an entry of an ordered list brings its whole list (positions stay right).
        bool Selected(XmlFragment f) => differing.Contains((f.Name, f.Key));
        return FragmentVerdict.Narrowed(new[] { left.Partial(Selected) }, new[] { right.Partial(Selected) });
    }

    /// <summary>
    /// The usual case, both files listing the same entries in the same order: one walk, no lookups.
    /// Null when the lists do not line up entry for entry.
    /// </summary>
    [MethodImpl(Jit.Optimize)]
    private static HashSet<(string Element, string? Key)>? Aligned(FragmentSide source, FragmentSide target)
    {
        var left = source.Fragments;
        var right = target.Fragments;
        if (left.Count != right.Count)
        {
            return null;
        }

        var differing = new HashSet<(string Element, string? Key)>();
        for (var i = 0; i < left.Count; i++)
        {
            var l = left[i];
            var r = right[i];
            if (!string.Equals(l.Name, r.Name, StringComparison.Ordinal) || !string.Equals(l.Key, r.Key, StringComparison.Ordinal))
            {
                return null;
            }

            if (!source.Same(l, target, r))
            {
                differing.Add((l.Name, l.Key));
            }
        }

        return differing;
    }

    /// <summary>Entries in another order (a reordered profile): paired by key, or position within their name.</summary>
    private static HashSet<(string Element, string? Key)>? Matched(FragmentSide source, FragmentSide target)
    {
        var leftEntries = Entries(source.Fragments);
        var rightEntries = Entries(target.Fragments);
        if (leftEntries is null || rightEntries is null || leftEntries.Count != rightEntries.Count)
        {
            return null;
        }

        var differing = new HashSet<(string Element, string? Key)>();
        foreach (var entry in leftEntries)
        {
            if (!rightEntries.TryGetValue(entry.Key, out var other))
            {
                return null;
            }

            if (!source.Same(entry.Value, target, other))
            {
                differing.Add((entry.Value.Name, entry.Value.Key));
            }
        }

        return differing;
    }

    /// <summary>Entries by pairing key: name and key for keyed lists, name and position for the rest; null on a repeated key.</summary>
    [MethodImpl(Jit.Optimize)]
    private static Dictionary<(string Name, string Key), XmlFragment>? Entries(List<XmlFragment> fragments)
    {
        var entries = new Dictionary<(string Name, string Key), XmlFragment>(fragments.Count);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var fragment in fragments)
        {
            (string, string) key;
            if (fragment.Key is not null)
            {
                key = (fragment.Name, fragment.Key);
            }
            else
            {
                positions.TryGetValue(fragment.Name, out var position);
                positions[fragment.Name] = position + 1;
                key = (fragment.Name, "#" + position.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (entries.ContainsKey(key))
            {
                return null;
            }

            entries.Add(key, fragment);
        }

        return entries;
    }

    /// <summary>Children in the same order on both sides (the usual case): paired by position.</summary>
    [MethodImpl(Jit.Optimize)]
    private static List<(XmlFragment?, XmlFragment?)>? AlignedPairs(List<XmlFragment> left, List<XmlFragment> right)
    {
        if (left.Count != right.Count)
        {
            return null;
        }

        var pairs = new List<(XmlFragment?, XmlFragment?)>(left.Count);
        var seen = new HashSet<(string, string?)>();
        for (var i = 0; i < left.Count; i++)
        {
            if (!string.Equals(left[i].Name, right[i].Name, StringComparison.Ordinal) || !string.Equals(left[i].Key, right[i].Key, StringComparison.Ordinal) || !seen.Add((left[i].Name, left[i].Key)))
            {
                return null;
            }

            pairs.Add((left[i], right[i]));
        }

        return pairs;
    }

    /// <summary>Children paired by element and name, with those on one side only; null when a child is repeated.</summary>
    private static List<(XmlFragment?, XmlFragment?)>? KeyedPairs(List<XmlFragment> left, List<XmlFragment> right)
    {
        var rightByKey = new Dictionary<(string, string?), XmlFragment>();
        foreach (var fragment in right)
        {
            if (rightByKey.ContainsKey((fragment.Name, fragment.Key)))
            {
                return null;
            }

            rightByKey.Add((fragment.Name, fragment.Key), fragment);
        }

        var pairs = new List<(XmlFragment?, XmlFragment?)>();
        var leftKeys = new HashSet<(string, string?)>();
        foreach (var fragment in left)
        {
            if (!leftKeys.Add((fragment.Name, fragment.Key)))
            {
                return null;
            }

            pairs.Add(rightByKey.TryGetValue((fragment.Name, fragment.Key), out var other) ? (fragment, other) : (fragment, null));
            rightByKey.Remove((fragment.Name, fragment.Key));
        }

        pairs.AddRange(rightByKey.Values.Select(f => ((XmlFragment?)null, (XmlFragment?)f)));
        return pairs;
    }

    /// <summary>One side's file: its unit, its bytes, its root children, and how to turn those into components.</summary>
    private sealed class FragmentSide
    {
        private readonly UnitReader _reader;

        public FragmentSide(ReadUnit unit, ArraySegment<byte> bytes, UnitReader reader)
        {
            Unit = unit;
            Bytes = bytes;
            _reader = reader;
        }

        public ReadUnit Unit { get; }

        public ArraySegment<byte> Bytes { get; }

        public List<XmlFragment> Fragments { get; private set; } = new();

        /// <summary>Splits the file with the given scanner; false when the scanner could not vouch for it.</summary>
        public bool Split(Func<ArraySegment<byte>, List<XmlFragment>?> scanner)
        {
            var fragments = scanner(Bytes);
            Fragments = fragments ?? new List<XmlFragment>();
            return fragments is not null;
        }

        public bool Same(XmlFragment mine, FragmentSide other, XmlFragment theirs) =>
            mine.Length == theirs.Length && Bytes.Array.AsSpan(mine.Start, mine.Length).SequenceEqual(other.Bytes.Array.AsSpan(theirs.Start, theirs.Length));

        public ComponentContent Child(MetadataTypeDefinition definition, XmlFragment fragment) =>
            _reader.Child(Unit, Unit.Files.Single(), definition.ChildForElement(fragment.Name)!, Parse(fragment));

        public void AddOwn(MetadataTypeDefinition definition, List<XmlFragment> own, List<ComponentContent> output)
        {
            if (own.All(f => f.Name == "fullName"))
            {
                return; // a parent is a component only for elements of its own (see UnitReader)
            }

            var tree = XmlNode.Create(definition.Name);
            tree.AddRange(own.Select(Parse));
            output.Add(_reader.XmlComponent(definition.Name, Unit.FullName, Unit.Parent, Unit, tree, traits: null, size: null));
        }

        public ComponentContent Partial(Func<XmlFragment, bool> selected)
        {
            var tree = XmlNode.Create(Unit.TypeName);
            tree.AddRange(Fragments.Where(selected).Select(Parse));
            return _reader.XmlComponent(Unit.TypeName, Unit.FullName, Unit.Parent, Unit, tree, traits: null, size: null);
        }

        private XmlNode Parse(XmlFragment fragment) => XmlNode.Parse(Bytes.Array!, fragment.Start, fragment.Length);
    }
}
