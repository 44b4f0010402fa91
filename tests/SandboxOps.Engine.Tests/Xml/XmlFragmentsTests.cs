using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Tests.Support;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Tests.Xml;

/// <summary>
/// The fragment splitter must agree with the parser whenever it answers (the same root children, in order,
/// with the same keys, each one's bytes parsing to the same element), and decline whatever it cannot vouch for.
/// </summary>
public sealed class XmlFragmentsTests
{
    private static readonly IReadOnlyDictionary<string, string[]> ProfileKeys = UnorderedListRules.ForType("Profile");

    public static TheoryData<string> SampleXmlFiles()
    {
        var data = new TheoryData<string>();
        var samples = Path.Combine(TempTree.RepositoryRoot, "docs", "samples");
        foreach (var file in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".xml", StringComparison.Ordinal) || Path.GetExtension(f) is ".profile" or ".object" or ".permissionset" or ".labels" or ".layout" or ".flow")
                     .OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(samples, file));
        }

        return data;
    }

    /// <summary>Keys as the splitter joins them: the key elements' texts, '|' between, trailing empties dropped.</summary>
    private static string? ExpectedKey(XmlNode child, string[]? keys) =>
        keys is null ? null
        : keys.Length == 1 ? child.ChildText(keys[0]) ?? string.Empty
        : string.Join("|", keys.Select(k => child.ChildText(k))).TrimEnd('|');

    private static void AssertAgreesWithParser(byte[] bytes, Func<string, string[]?> keysFor)
    {
        var fragments = XmlFragments.Split(new ArraySegment<byte>(bytes), keysFor);
        Assert.NotNull(fragments);
        var root = XmlNode.Parse(bytes, 0, bytes.Length);
        Assert.Equal(root.Children.Select(c => c.Name), fragments!.Select(f => f.Name));
        foreach (var (fragment, child) in fragments.Zip(root.Children))
        {
            Assert.Equal(ExpectedKey(child, keysFor(child.Name)), fragment.Key);
            var alone = XmlNode.Parse(bytes, fragment.Start, fragment.Length);
            Assert.Equal(CanonicalXml.Hash(child, ProfileKeys).ToHex(), CanonicalXml.Hash(alone, ProfileKeys).ToHex());
        }
    }

    [Theory]
    [MemberData(nameof(SampleXmlFiles))]
    public void Every_sample_file_splits_as_the_parser_reads_it(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TempTree.RepositoryRoot, "docs", "samples", file));
        var keys = UnorderedListRules.ForType(XmlNode.Parse(bytes, 0, bytes.Length).Name);
        AssertAgreesWithParser(bytes, name => name == "fields" ? new[] { "fullName" } : keys.TryGetValue(name, out var k) ? k : null);
    }

    [Fact]
    public void A_generated_profile_with_entities_comments_cdata_and_empty_elements_splits_as_the_parser_reads_it()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            body.Append("    <fieldPermissions>\n        <editable>").Append(i % 2 == 0 ? "true" : "false").Append("</editable>\n        <field>Obj")
                .Append(i % 7).Append("__c.F").Append(i).Append("_&amp;_x__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n");
            if (i % 50 == 0)
            {
                body.Append("    <!-- block ").Append(i).Append(" -->\n    <description><![CDATA[a < b & c]]></description>\n    <loginIpRanges/>\n");
            }
        }

        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Profile xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" + body + "    <layoutAssignments>\n        <layout>L1</layout>\n        <recordType>A.R</recordType>\n    </layoutAssignments>\n</Profile>\n";
        AssertAgreesWithParser(Encoding.UTF8.GetBytes(xml), name => ProfileKeys.TryGetValue(name, out var k) ? k : null);
    }

    [Theory]
    [InlineData("a DOCTYPE", "<!DOCTYPE Profile []><Profile><custom>true</custom></Profile>")]
    [InlineData("a namespace prefix", "<Profile><x:custom xmlns:x=\"urn:x\">true</x:custom></Profile>")]
    [InlineData("a reference in a key only the parser decodes", "<Profile><fieldPermissions><field>A.&#98;__c</field></fieldPermissions></Profile>")]
    [InlineData("a comment holding --", "<Profile><!-- a -- b --><custom>true</custom></Profile>")]
    [InlineData("an unclosed root", "<Profile><custom>true</custom>")]
    [InlineData("a name that is not ASCII", "<Profile><cüstom>true</cüstom></Profile>")]
    public void What_it_cannot_vouch_for_is_left_to_the_parser(string kind, string xml)
    {
        Assert.NotNull(kind);
        Assert.Null(XmlFragments.Split(new ArraySegment<byte>(Encoding.UTF8.GetBytes(xml)), name => ProfileKeys.TryGetValue(name, out var k) ? k : null));
    }

    [Fact]
    public void The_window_of_two_versions_covers_the_change_and_splits_as_the_whole_file_does()
    {
        var original = File.ReadAllBytes(Path.Combine(TempTree.RepositoryRoot, "docs", "samples", "production", "profiles", "Admin.profile"));
        var text = Encoding.UTF8.GetString(original);
        var changed = Encoding.UTF8.GetBytes(text.Replace("<field>Account.Region__c</field>\n        <readable>true</readable>", "<field>Account.Region__c</field>\n        <readable>false</readable>"));
        Assert.NotEqual(original.Length, changed.Length);
        string[]? KeysFor(string name) => ProfileKeys.TryGetValue(name, out var k) ? k : null;

        var window = XmlFragments.Window(new ArraySegment<byte>(original), new ArraySegment<byte>(changed));

        Assert.NotNull(window);
        var (start, sourceEnd, targetEnd) = window!.Value;
        var inWindow = XmlFragments.SplitWindow(changed, start, targetEnd, KeysFor);
        Assert.NotNull(inWindow);
        Assert.Contains(inWindow!, f => f.Key == "Account.Region__c");
        var whole = XmlFragments.Split(new ArraySegment<byte>(changed), KeysFor)!;
        foreach (var fragment in inWindow!)
        {
            Assert.Contains(whole, f => f.Start == fragment.Start && f.Length == fragment.Length && f.Name == fragment.Name && f.Key == fragment.Key);
        }

        Assert.NotNull(XmlFragments.SplitWindow(original, start, sourceEnd, KeysFor));
    }

    [Fact]
    public void Differing_children_are_the_changed_entries_alone_each_as_the_whole_file_splits_it()
    {
        var original = File.ReadAllBytes(Path.Combine(TempTree.RepositoryRoot, "docs", "samples", "production", "profiles", "Admin.profile"));
        var text = Encoding.UTF8.GetString(original);
        var changed = Encoding.UTF8.GetBytes(text
            .Replace("<field>Account.Credit_Limit__c</field>\n        <readable>true</readable>", "<field>Account.Credit_Limit__c</field>\n        <readable>false</readable>")
            .Replace("<field>Invoice__c.Status__c</field>\n        <readable>true</readable>", "<field>Invoice__c.Status__c</field>\n        <readable>false</readable>"));

        var differing = XmlFragments.DifferingChildren(new ArraySegment<byte>(original), new ArraySegment<byte>(changed), KeysFor);

        Assert.NotNull(differing);
        var (source, target) = differing!.Value;
        Assert.Equal(new[] { "Account.Credit_Limit__c", "Invoice__c.Status__c" }, source.Select(f => f.Key));
        Assert.Equal(source.Select(f => (f.Name, f.Key)), target.Select(f => (f.Name, f.Key)));
        var wholeSource = XmlFragments.Split(new ArraySegment<byte>(original), KeysFor)!;
        var wholeTarget = XmlFragments.Split(new ArraySegment<byte>(changed), KeysFor)!;
        Assert.All(source, f => Assert.Contains(wholeSource, w => w.Start == f.Start && w.Length == f.Length));
        Assert.All(target, f => Assert.Contains(wholeTarget, w => w.Start == f.Start && w.Length == f.Length));
        Assert.Empty(XmlFragments.DifferingChildren(new ArraySegment<byte>(original), new ArraySegment<byte>(original), KeysFor)!.Value.Source);
    }

    [Theory]
    [InlineData("an entry added", "    <fieldPermissions>\n        <editable>true</editable>\n        <field>Account.Added__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n")]
    [InlineData("the root's own start changed", null)]
    public void Differing_children_decline_when_entries_do_not_pair_up_in_place(string change, string? inserted)
    {
        Assert.NotNull(change);
        var original = File.ReadAllBytes(Path.Combine(TempTree.RepositoryRoot, "docs", "samples", "production", "profiles", "Admin.profile"));
        var text = Encoding.UTF8.GetString(original);
        var at = text.IndexOf("    <fieldPermissions>", StringComparison.Ordinal);
        var changed = inserted is null ? text.Replace("<Profile xmlns", "<Profile  xmlns") : text.Insert(at, inserted);

        Assert.Null(XmlFragments.DifferingChildren(new ArraySegment<byte>(original), new ArraySegment<byte>(Encoding.UTF8.GetBytes(changed)), KeysFor));
    }

    private static string[]? KeysFor(string name) => ProfileKeys.TryGetValue(name, out var k) ? k : null;
}
