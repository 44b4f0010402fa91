using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Merging;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Tests.Merging;

/// <summary>
/// Properties of the element merge over generated components: keyed lists (profiles, permission sets), named
/// ordered lists (object fields, picklist values) and lists without names (layout items). Edits are "disjoint"
/// when they touch different entries with an untouched entry between them, as diff3 and git require of lists.
/// </summary>
public sealed class ElementMergeTests
{
    private static readonly IReadOnlyDictionary<string, string[]> ProfileKeys = UnorderedListRules.ForType("Profile");
    private static readonly IReadOnlyDictionary<string, string[]> NoKeys = UnorderedListRules.ForType("Layout");

    public static TheoryData<int> Seeds() => new() { 1, 2, 3, 5, 8, 13, 21, 34, 55, 89 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Keyed_lists_merge_as_the_three_way_properties_require(int seed)
    {
        var random = new Random(seed);
        var ancestor = Profile(random, 40);
        var (sourceEdits, targetEdits) = DisjointEdits(random, ancestor, "fieldPermissions", 6);
        var source = Apply(ancestor, sourceEdits);
        var target = Apply(ancestor, targetEdits);

        AssertMerges(ancestor, ancestor, source, source, ProfileKeys);
        AssertMerges(ancestor, source, ancestor, source, ProfileKeys);
        AssertMerges(ancestor, source, target, Apply(ancestor, sourceEdits.Concat(targetEdits)), ProfileKeys);
        AssertMerges(ancestor, source, source, source, ProfileKeys);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_byte_merge_of_a_whole_file_says_what_the_tree_merge_says_and_keeps_the_target_as_written(int seed)
    {
        var random = new Random(seed);
        var ancestor = Profile(random, 40);
        var (sourceEdits, targetEdits) = DisjointEdits(random, ancestor, "fieldPermissions", 6);
        targetEdits.Add(Edit.Set("custom", string.Empty, string.Empty, "custom", "true"));
        var source = Apply(ancestor, sourceEdits.Append(Edit.Set("fieldPermissions", "field", ancestor.Children[0].ChildText("field")!, "editable", "both")));
        var target = Apply(ancestor, targetEdits.Append(Edit.Set("fieldPermissions", "field", ancestor.Children[0].ChildText("field")!, "readable", "both")));
        byte[] File(XmlNode tree) => XmlNodeWriter.Write(tree);

        var bytes = FragmentMerge.Merge(new ArraySegment<byte>(File(ancestor)), new ArraySegment<byte>(File(source)), new ArraySegment<byte>(File(target)), ProfileKeys, MergeSide.Target);
        var tree = ElementMerge.Merge(ancestor, source, target, ProfileKeys, MergeSide.Target);

        Assert.NotNull(bytes);
        Assert.Empty(bytes!.Conflicts);
        Assert.Equal(Canonical(tree.Merged!, ProfileKeys), Canonical(Parse(bytes.Merged), ProfileKeys));
        Assert.Equal(tree.Taken.Select(t => t.ToString()).OrderBy(t => t, StringComparer.Ordinal), bytes.Taken.Select(t => t.ToString()).OrderBy(t => t, StringComparer.Ordinal));
        var written = Encoding.UTF8.GetString(bytes.Merged);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Profile xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <", written, StringComparison.Ordinal);
        Assert.Equal(written, Encoding.UTF8.GetString(File(Parse(bytes.Merged))));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Edits_in_place_merge_from_the_differing_bytes_alone_as_the_tree_merge_does(int seed)
    {
        var random = new Random(seed);
        var ancestor = Profile(random, 60);
        var fields = ancestor.Children.Where(c => c.Name == "fieldPermissions").Select(c => c.ChildText("field")!).OrderBy(_ => random.Next()).ToList();
        Edit Flip(string field) => Edit.Set("fieldPermissions", "field", field, "editable", string.Empty) with { Flip = true };
        var shared = fields[0];
        var source = Apply(ancestor, fields.Skip(1).Take(5).Select(Flip).Append(Edit.Set("fieldPermissions", "field", shared, "editable", "fromSource")));
        var target = Apply(ancestor, fields.Skip(6).Take(5).Select(Flip).Append(Edit.Set("fieldPermissions", "field", shared, "readable", "fromTarget")).Append(Edit.Set("custom", string.Empty, string.Empty, "custom", "true")));
        byte[] File(XmlNode tree) => XmlNodeWriter.Write(tree);

        var bytes = FragmentMerge.Merge(new ArraySegment<byte>(File(ancestor)), new ArraySegment<byte>(File(source)), new ArraySegment<byte>(File(target)), ProfileKeys, MergeSide.Target);
        var tree = ElementMerge.Merge(ancestor, source, target, ProfileKeys, MergeSide.Target);

        Assert.Empty(bytes!.Conflicts);
        Assert.Equal(Canonical(tree.Merged!, ProfileKeys), Canonical(Parse(bytes.Merged), ProfileKeys));
        Assert.Equal(tree.Taken.Select(t => t.ToString()).OrderBy(t => t, StringComparer.Ordinal), bytes.Taken.Select(t => t.ToString()).OrderBy(t => t, StringComparer.Ordinal));
        Assert.Equal(Encoding.UTF8.GetString(bytes.Merged), Encoding.UTF8.GetString(File(Parse(bytes.Merged))));
        Assert.Contains(bytes.Taken, t => t.Path == $"fieldPermissions[{shared}]/editable" && t.TakenFrom == MergeSide.Source);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Overlapping_edits_conflict_on_exactly_the_overlapping_paths(int seed)
    {
        var random = new Random(seed);
        var ancestor = Profile(random, 30);
        var field = ancestor.Children.Where(c => c.Name == "fieldPermissions").Select(c => c.ChildText("field")!).OrderBy(_ => random.Next()).First();
        var source = Apply(ancestor, new[] { Edit.Set("fieldPermissions", "field", field, "editable", "fromSource"), Edit.Set("fieldPermissions", "field", field, "readable", "both") });
        var target = Apply(ancestor, new[] { Edit.Set("fieldPermissions", "field", field, "editable", "fromTarget"), Edit.Set("fieldPermissions", "field", field, "readable", "both") });

        var result = ElementMerge.Merge(ancestor, source, target, ProfileKeys, MergeSide.Target);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal($"fieldPermissions[{field}]/editable", conflict.Path);
        Assert.Equal(("fromSource", "fromTarget"), (conflict.Source, conflict.Target));
        Assert.Equal(Canonical(target, ProfileKeys), Canonical(result.Merged!, ProfileKeys));
        Assert.Equal(Canonical(source, ProfileKeys), Canonical(ElementMerge.Merge(ancestor, source, target, ProfileKeys, MergeSide.Source).Merged!, ProfileKeys));
    }

    [Fact]
    public void Entries_added_on_each_side_are_both_kept_and_one_removed_and_changed_is_a_conflict()
    {
        var ancestor = Tree("Profile", Permission("A.a", "false"), Permission("A.b", "false"), Permission("A.c", "false"));
        var source = Tree("Profile", Permission("A.a", "false"), Permission("A.b", "false"), Permission("A.c", "true"), Permission("A.s", "true"));
        var target = Tree("Profile", Permission("A.a", "false"), Permission("A.c", "false"), Permission("A.t", "true"));

        var result = ElementMerge.Merge(ancestor, source, target, ProfileKeys, MergeSide.Target);

        Assert.Empty(result.Conflicts);
        Assert.Equal(new[] { "A.a", "A.c", "A.s", "A.t" }, result.Merged!.Children.Select(c => c.ChildText("field")).OrderBy(f => f, StringComparer.Ordinal));
        Assert.Contains(result.Taken, t => t.Path == "fieldPermissions[A.s]" && t.TakenFrom == MergeSide.Source);
        Assert.Contains(result.Taken, t => t.Path == "fieldPermissions[A.t]" && t.TakenFrom == MergeSide.Target);
        Assert.Contains(result.Taken, t => t.Path == "fieldPermissions[A.b]" && t.TakenFrom == MergeSide.Target);

        var removedAndChanged = ElementMerge.Merge(ancestor, source, Tree("Profile", Permission("A.a", "false"), Permission("A.b", "false")), ProfileKeys, MergeSide.Target);
        Assert.Equal(new[] { "fieldPermissions[A.c]" }, removedAndChanged.Conflicts.Select(c => c.Path));
        Assert.Null(removedAndChanged.Conflicts[0].Target);
    }

    public static TheoryData<string, string, string> MergeableShapes() => new()
    {
        { "PermissionSet", "fieldPermissions", "field" },
        { "MutingPermissionSet", "objectPermissions", "object" },
        { "CustomObjectTranslation", "fields", "name" },
        { "Translations", "customLabels", "name" },
        { "CustomLabels", "labels", "fullName" },
        { "Workflow", "rules", "fullName" },
        { "SharingRules", "sharingCriteriaRules", "fullName" },
        { "Flow", "decisions", "name" },
        { "CustomObject", "fields", "fullName" },
        { "AssignmentRules", "assignmentRule", "fullName" },
    };

    [Theory]
    [MemberData(nameof(MergeableShapes))]
    public void Every_mergeable_shape_merges_as_the_three_way_properties_require(string type, string list, string identity)
    {
        var keys = UnorderedListRules.ForType(type);
        var ancestor = Entries(20);
        var source = Entries(20);
        source[3] = source[3] with { Description = "from the source" };
        source[9] = source[9] with { Description = "from the source" };
        source.Insert(7, new Entry("FromSource", "new in the source", "true"));
        var target = Entries(20);
        target[9] = target[9] with { Active = "false" };
        target[12] = target[12] with { Active = "false" };
        target.Insert(16, new Entry("FromTarget", "new in the target", "true"));
        target.RemoveAt(19); // Entry18, after the insertion
        var expected = Entries(20);
        expected[3] = expected[3] with { Description = "from the source" };
        expected[9] = new Entry(expected[9].Name, "from the source", "false");
        expected[12] = expected[12] with { Active = "false" };
        expected.RemoveAt(18);
        expected.Insert(16, new Entry("FromTarget", "new in the target", "true"));
        expected.Insert(7, new Entry("FromSource", "new in the source", "true"));
        XmlNode Of(List<Entry> entries) => Tree(type, entries.Select(e => $"<{list}><{identity}>{e.Name}</{identity}><active>{e.Active}</active><description>{e.Description}</description></{list}>").Append("<label>kept</label>").ToArray());

        var merged = ElementMerge.Merge(Of(ancestor), Of(source), Of(target), keys, MergeSide.Target);

        Assert.Empty(merged.Conflicts);
        Assert.Equal(Canonical(Of(expected), keys), Canonical(merged.Merged!, keys));
        Assert.Equal(Canonical(Of(source), keys), Canonical(ElementMerge.Merge(Of(ancestor), Of(ancestor), Of(source), keys, MergeSide.Target).Merged!, keys));
        Assert.Equal(Canonical(Of(source), keys), Canonical(ElementMerge.Merge(Of(ancestor), Of(source), Of(ancestor), keys, MergeSide.Target).Merged!, keys));
        var clash = ElementMerge.Merge(Of(ancestor), Of(source), Of(source.Select(e => e.Name == "Entry3" ? e with { Description = "other" } : e).ToList()), keys, MergeSide.Target);
        Assert.Equal(new[] { $"{list}[Entry3]/description" }, clash.Conflicts.Select(c => c.Path));

        static List<Entry> Entries(int count) => Enumerable.Range(0, count).Select(i => new Entry("Entry" + i, "d" + i, "true")).ToList();
    }

    private sealed record Entry(string Name, string Description, string Active);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Named_ordered_lists_keep_insertions_from_both_sides_in_place(int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(1, 12).Select(i => "V" + i).ToList();
        var ancestor = Picklist(values);
        var at = random.Next(1, 5);
        var sourceValues = values.ToList();
        sourceValues.Insert(at, "FromSource");
        var targetValues = values.ToList();
        targetValues.Insert(at + 3, "FromTarget");
        targetValues.Remove("V" + (at + 6));

        var result = ElementMerge.Merge(ancestor, Picklist(sourceValues), Picklist(targetValues), NoKeys, MergeSide.Target);

        var expected = values.ToList();
        expected.Insert(at, "FromSource");
        expected.Insert(at + 4, "FromTarget");
        expected.Remove("V" + (at + 6));
        Assert.Empty(result.Conflicts);
        Assert.Equal(expected, Values(result.Merged!));
    }

    [Fact]
    public void Named_ordered_lists_conflict_where_both_insert_at_one_place()
    {
        var values = new[] { "A", "B", "C" };
        var result = ElementMerge.Merge(Picklist(values), Picklist(new[] { "A", "S", "B", "C" }), Picklist(new[] { "A", "T", "B", "C" }), NoKeys, MergeSide.Target);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("valueSet/valueSetDefinition/value (order)", conflict.Path);
        Assert.Equal(("S", "T"), (conflict.Source, conflict.Target));
    }

    [Fact]
    public void Lists_without_names_merge_by_position_and_conflict_on_the_same_position()
    {
        string[] Items(params string[] fields) => fields;
        var ancestor = Layout(Items("Name", "Phone", "Email", "Fax", "Website", "Industry"));
        var source = Layout(Items("Name", "Phone__c", "Email", "Fax", "Website", "Industry"));
        var target = Layout(Items("Name", "Phone", "Email", "Fax", "Website", "Industry", "Rating"));

        var merged = ElementMerge.Merge(ancestor, source, target, NoKeys, MergeSide.Target);
        Assert.Empty(merged.Conflicts);
        Assert.Equal(new[] { "Name", "Phone__c", "Email", "Fax", "Website", "Industry", "Rating" }, LayoutFields(merged.Merged!));

        var clash = ElementMerge.Merge(ancestor, source, Layout(Items("Name", "Mobile", "Email", "Fax", "Website", "Industry")), NoKeys, MergeSide.Target);
        var conflict = Assert.Single(clash.Conflicts);
        Assert.Equal("layoutSections/layoutColumns/layoutItems[2]", conflict.Path);
        Assert.Equal(new[] { "Name", "Mobile", "Email", "Fax", "Website", "Industry" }, LayoutFields(clash.Merged!));
    }

    [Fact]
    public void Text_merges_by_lines_and_names_conflicting_line_ranges()
    {
        const string Ancestor = "public class A {\n    void one() {}\n    void two() {}\n    void three() {}\n    void four() {}\n}\n";
        var source = Ancestor.Replace("void one() {}", "void one() { hotfix(); }");
        var target = Ancestor.Replace("void four() {}", "void four() { wip(); }");

        var merged = TextMerge.Merge(Ancestor, source, target, MergeSide.Target);
        Assert.Empty(merged.Conflicts);
        Assert.Equal(Ancestor.Replace("void one() {}", "void one() { hotfix(); }").Replace("void four() {}", "void four() { wip(); }"), merged.Merged);

        var clash = TextMerge.Merge(Ancestor, source, Ancestor.Replace("void one() {}", "void one() { other(); }"), MergeSide.Target);
        var conflict = Assert.Single(clash.Conflicts);
        Assert.Equal("line 2", conflict.Path);
        Assert.DoesNotContain("<<<<<<<", clash.Merged, StringComparison.Ordinal);
        Assert.Contains("other()", clash.Merged, StringComparison.Ordinal);
    }

    private static void AssertMerges(XmlNode ancestor, XmlNode source, XmlNode target, XmlNode expected, IReadOnlyDictionary<string, string[]> keys)
    {
        var result = ElementMerge.Merge(ancestor, source, target, keys, MergeSide.Target);
        Assert.Empty(result.Conflicts);
        Assert.Equal(Canonical(expected, keys), Canonical(result.Merged!, keys));
    }

    private static string Canonical(XmlNode tree, IReadOnlyDictionary<string, string[]> keys) => CanonicalXml.Hash(tree, keys).ToHex();

    private static XmlNode Profile(Random random, int fields)
    {
        var entries = Enumerable.Range(0, fields).Select(i => Permission($"Obj{i % 4}.Field{i}__c", random.Next(2) == 0 ? "true" : "false"));
        return Tree("Profile", entries.Append("<custom>false</custom>").Append("<userLicense>Salesforce</userLicense>").ToArray());
    }

    private static string Permission(string field, string editable) => $"<fieldPermissions><editable>{editable}</editable><field>{field}</field><readable>true</readable></fieldPermissions>";

    private static XmlNode Picklist(IEnumerable<string> values) =>
        Tree("CustomField", "<fullName>Stage__c</fullName>", "<valueSet><valueSetDefinition>" + string.Concat(values.Select(v => $"<value><fullName>{v}</fullName><default>false</default><label>{v}</label></value>")) + "</valueSetDefinition></valueSet>");

    private static List<string> Values(XmlNode field) =>
        field.Children.Single(c => c.Name == "valueSet").Children.Single().Children.Where(c => c.Name == "value").Select(v => v.ChildText("fullName")!).ToList();

    private static XmlNode Layout(IEnumerable<string> fields) =>
        Tree("Layout", "<layoutSections><label>Information</label><layoutColumns>" + string.Concat(fields.Select(f => $"<layoutItems><behavior>Edit</behavior><field>{f}</field></layoutItems>")) + "</layoutColumns></layoutSections>");

    private static List<string> LayoutFields(XmlNode layout) =>
        layout.Children.Single().Children.Single(c => c.Name == "layoutColumns").Children.Select(i => i.ChildText("field")!).ToList();

    private static XmlNode Parse(byte[] file) => XmlNode.Parse(file, 0, file.Length);

    private static XmlNode Tree(string root, params string[] children)
    {
        var xml = $"<{root} xmlns=\"http://soap.sforce.com/2006/04/metadata\">{string.Concat(children)}</{root}>";
        using var reader = SafeXml.Open(new MemoryStream(Encoding.UTF8.GetBytes(xml)));
        SafeXml.MoveToRoot(reader);
        return XmlNode.Read(reader);
    }

    /// <summary>Edits to a keyed list: change one entry's element, add an entry, remove one.</summary>
    private static (List<Edit> Source, List<Edit> Target) DisjointEdits(Random random, XmlNode ancestor, string list, int each)
    {
        var keys = ancestor.Children.Where(c => c.Name == list).Select(c => c.ChildText("field")!).OrderBy(_ => random.Next()).ToList();
        Edit Make(string key, string side, int i) => (i % 3) switch
        {
            0 => Edit.Set(list, "field", key, "editable", side == "s" ? "true" : "false") with { Flip = true },
            1 => Edit.Add($"<fieldPermissions><editable>true</editable><field>New.{side}{i}__c</field><readable>true</readable></fieldPermissions>"),
            _ => Edit.Remove(list, "field", key),
        };

        return (keys.Take(each).Select((k, i) => Make(k, "s", i)).ToList(), keys.Skip(each).Take(each).Select((k, i) => Make(k, "t", i)).ToList());
    }

    private static XmlNode Apply(XmlNode ancestor, IEnumerable<Edit> edits)
    {
        var xml = new StringBuilder();
        foreach (var child in ancestor.Children)
        {
            xml.Append(Serialize(child));
        }

        var tree = Tree(ancestor.Name, xml.ToString());
        foreach (var edit in edits)
        {
            tree = edit.ApplyTo(tree);
        }

        return tree;
    }

    private static string Serialize(XmlNode node) =>
        node.Children.Count == 0 ? $"<{node.Name}>{node.Text}</{node.Name}>" : $"<{node.Name}>{string.Concat(node.Children.Select(Serialize))}</{node.Name}>";

    private sealed record Edit(string Kind, string List, string KeyElement, string Key, string Element, string Value)
    {
        public bool Flip { get; init; }

        public static Edit Set(string list, string keyElement, string key, string element, string value) => new("set", list, keyElement, key, element, value);

        public static Edit Add(string entry) => new("add", string.Empty, string.Empty, string.Empty, string.Empty, entry);

        public static Edit Remove(string list, string keyElement, string key) => new("remove", list, keyElement, key, string.Empty, string.Empty);

        public XmlNode ApplyTo(XmlNode tree)
        {
            var children = tree.Children.Select(c =>
            {
                if (Kind == "set" && KeyElement.Length == 0 && c.Name == List)
                {
                    return $"<{c.Name}>{Value}</{c.Name}>";
                }

                if (Kind == "add" || c.Name != List || c.ChildText(KeyElement) != Key)
                {
                    return Serialize(c);
                }

                if (Kind == "remove")
                {
                    return string.Empty;
                }

                var value = Flip ? (c.ChildText(Element) == "true" ? "false" : "true") : Value;
                return $"<{c.Name}>{string.Concat(c.Children.Select(e => e.Name == Element ? $"<{e.Name}>{value}</{e.Name}>" : Serialize(e)))}</{c.Name}>";
            });
            return Tree(tree.Name, string.Concat(children) + (Kind == "add" ? Value : string.Empty));
        }
    }
}
