using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Comparison;

/// <summary>
/// Comparing a file by its root's children must say what reading both files whole says: the same components
/// differ, and diffing what it parsed gives the same element changes. What it cannot decide it leaves
/// undecided, with a reason, never a guess.
/// </summary>
public sealed class FragmentComparerTests
{
    private const string Admin = "profiles/Admin.profile";
    private const string Invoice = "objects/Invoice__c.object";

    /// <summary>The production sample twice, the second copy's file edited; that file's unit on each side, and the verdict.</summary>
    private sealed class Pair : IDisposable
    {
        private readonly TempTree _tree = new();
        private readonly MetadataSource _left;
        private readonly MetadataSource _right;
        private readonly SourceReader _leftReader;
        private readonly SourceReader _rightReader;

        public Pair(string file, Func<string, string> edit)
        {
            _tree.CopyFrom("docs/samples/production", "left").CopyFrom("docs/samples/production", "right");
            var edited = _tree.PathOf("right/" + file);
            File.WriteAllText(edited, edit(File.ReadAllText(edited)));
            _left = MetadataSource.Open(_tree.PathOf("left"));
            _right = MetadataSource.Open(_tree.PathOf("right"));
            var reader = new MetadataReader(new EngineContext(new RecordingObserver()));
            var leftIndex = reader.Index(_left);
            var rightIndex = reader.Index(_right);
            LeftUnit = leftIndex.Units.Single(u => u.Files.Any(f => f.Path == file));
            RightUnit = rightIndex.Units.Single(u => u.Files.Any(f => f.Path == file));
            _leftReader = reader.ReaderFor(leftIndex, hashesOnly: false);
            _rightReader = reader.ReaderFor(rightIndex, hashesOnly: false);
            Verdict = new FragmentComparer(new UnitReader(_left), new UnitReader(_right)).Compare(
                LeftUnit, new ArraySegment<byte>(File.ReadAllBytes(_tree.PathOf("left/" + file))),
                RightUnit, new ArraySegment<byte>(File.ReadAllBytes(edited)));
        }

        public ReadUnit LeftUnit { get; }

        public ReadUnit RightUnit { get; }

        public FragmentVerdict Verdict { get; }

        /// <summary>Both files read whole: every component of each, by key.</summary>
        public (Dictionary<ComponentKey, ComponentContent> Left, Dictionary<ComponentKey, ComponentContent> Right) ReadWhole() =>
            (_leftReader.ReadUnit(LeftUnit, ReadOptions.All).ToDictionary(c => c.Component.Key), _rightReader.ReadUnit(RightUnit, ReadOptions.All).ToDictionary(c => c.Component.Key));

        public void Dispose()
        {
            _left.Dispose();
            _right.Dispose();
            _tree.Dispose();
        }
    }

    private static List<string> Changes(ComponentContent left, ComponentContent right) =>
        ComponentDiffer.Diff(left, right, unifiedDiff: false).Changes.Select(c => c.ToString()).ToList();

    [Theory]
    [InlineData("a permission flipped", "<field>Account.Region__c</field>\n        <readable>true</readable>", "<field>Account.Region__c</field>\n        <readable>false</readable>")]
    [InlineData("two entries swapped", "    <classAccesses>\n        <apexClass>AccountTriggerHandler</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n    <classAccesses>\n        <apexClass>InvoiceService</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>", "    <classAccesses>\n        <apexClass>InvoiceService</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n    <classAccesses>\n        <apexClass>AccountTriggerHandler</apexClass>\n        <enabled>false</enabled>\n    </classAccesses>")]
    public void A_profile_narrowed_to_its_differing_entries_diffs_as_the_whole_files_do(string kind, string from, string to)
    {
        Assert.NotNull(kind);
        using var pair = new Pair(Admin, text => text.Replace(from, to, StringComparison.Ordinal));
        var (left, right) = pair.ReadWhole();
        var key = left.Keys.Single();

        Assert.True(pair.Verdict.Decided, pair.Verdict.UndecidedBecause);
        var narrowedLeft = Assert.Single(pair.Verdict.Source);
        var narrowedRight = Assert.Single(pair.Verdict.Target);
        Assert.Equal(key, narrowedLeft.Component.Key);
        Assert.NotEqual(left[key].Component.ContentHash, right[key].Component.ContentHash);
        Assert.NotEqual(narrowedLeft.Component.ContentHash, narrowedRight.Component.ContentHash);
        Assert.Equal(Changes(left[key], right[key]), Changes(narrowedLeft, narrowedRight));
    }

    [Fact]
    public void Files_that_differ_only_in_layout_are_decided_identical_without_any_component()
    {
        using var pair = new Pair(Admin, text => text.Replace("\n    <custom>false</custom>", "\n    <custom>false</custom>\n    <!-- reviewed -->", StringComparison.Ordinal));

        Assert.True(pair.Verdict.Decided, pair.Verdict.UndecidedBecause);
        Assert.Empty(pair.Verdict.Source);
        Assert.Empty(pair.Verdict.Target);
        var (left, right) = pair.ReadWhole();
        Assert.Equal(left.Single().Value.Component.ContentHash, right.Single().Value.Component.ContentHash);
    }

    [Fact]
    public void An_entry_added_to_a_profile_is_left_undecided_for_the_whole_read()
    {
        using var pair = new Pair(Admin, text => text.Replace("    <custom>false</custom>", "    <classAccesses>\n        <apexClass>NewClass</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n    <custom>false</custom>", StringComparison.Ordinal));

        Assert.False(pair.Verdict.Decided);
        Assert.Contains("added or removed", pair.Verdict.UndecidedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_file_gives_exactly_the_children_that_differ_with_their_whole_hashes()
    {
        using var pair = new Pair(Invoice, text =>
        {
            var field = text.IndexOf("<fields>", StringComparison.Ordinal);
            var label = text.IndexOf("<label>", field, StringComparison.Ordinal);
            return string.Concat(text.AsSpan(0, label), "<label>Renamed ", text.AsSpan(label + "<label>".Length));
        });
        var (left, right) = pair.ReadWhole();
        var differing = left.Keys.Where(k => !right.TryGetValue(k, out var other) || other.Component.ContentHash != left[k].Component.ContentHash).ToList();

        Assert.True(pair.Verdict.Decided, pair.Verdict.UndecidedBecause);
        Assert.Equal(differing, pair.Verdict.Source.Select(c => c.Component.Key).ToList());
        Assert.Equal(differing, pair.Verdict.Target.Select(c => c.Component.Key).ToList());
        foreach (var content in pair.Verdict.Source)
        {
            Assert.Equal(left[content.Component.Key].Component.ContentHash, content.Component.ContentHash);
        }

        foreach (var content in pair.Verdict.Target)
        {
            Assert.Equal(right[content.Component.Key].Component.ContentHash, content.Component.ContentHash);
            Assert.Equal("CustomField", content.Component.Type);
        }
    }
}
