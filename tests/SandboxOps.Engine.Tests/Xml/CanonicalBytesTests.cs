using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Hashing;
using SandboxOps.Engine.Tests.Support;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Tests.Xml;

/// <summary>
/// The byte-level hash must equal the parser's hash whenever it answers, and must decline (so the parser
/// decides) whenever the input is outside its subset, malformed XML above all.
/// </summary>
public sealed class CanonicalBytesTests
{
    private static readonly IReadOnlyDictionary<string, string[]> ProfileKeys = UnorderedListRules.ForType("Profile");

    private static Digest ParserHash(byte[] document, IReadOnlyDictionary<string, string[]> keys)
    {
        using var reader = SafeXml.Open(new MemoryStream(document));
        SafeXml.MoveToRoot(reader);
        return CanonicalXml.Hash(XmlNode.Read(reader), keys);
    }

    private static Digest? ByteHash(byte[] document, IReadOnlyDictionary<string, string[]> keys) =>
        CanonicalBytes.TryHash(document, document.Length, keys, out var digest) ? digest : null;

    private static void AssertSameAsParser(string xml)
    {
        var document = Encoding.UTF8.GetBytes(xml);
        var fromBytes = ByteHash(document, ProfileKeys);
        Assert.True(fromBytes.HasValue, "the byte path declined a document in its subset:\n" + xml);
        var parsed = ParserHash(document, ProfileKeys);
        Assert.Equal(parsed.ToHex(), fromBytes!.Value.ToHex());
        Assert.Equal(parsed.Length, fromBytes.Value.Length);
    }

    private static string Profile(string body) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Profile xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" + body + "\n</Profile>\n";

    [Theory]
    [InlineData("keyed lists out of order", "<fieldPermissions><editable>true</editable><field>B.b__c</field><readable>true</readable></fieldPermissions>\n<custom>false</custom>\n<fieldPermissions><editable>false</editable><field>A.a__c</field><readable>true</readable></fieldPermissions>")]
    [InlineData("two-element keys", "<layoutAssignments><layout>L2</layout><recordType>A.R</recordType></layoutAssignments><layoutAssignments><layout>L2</layout></layoutAssignments><layoutAssignments><layout>L1</layout></layoutAssignments>")]
    [InlineData("entities", "<description>Tom &amp; Jerry&apos;s &lt;team&gt; &quot;A&quot;</description>")]
    [InlineData("children out of schema order", "<fieldPermissions><readable>true</readable><field>A.a__c</field><editable>false</editable></fieldPermissions>")]
    [InlineData("the root's fullName", "<fullName>Admin</fullName><custom>true</custom>")]
    [InlineData("comments between root children", "<!-- generated --><custom>true</custom>\n<!-- more -->")]
    [InlineData("empty and whitespace-only leaves", "<loginIpRanges/><description>   </description><custom></custom><label />")]
    [InlineData("non-ASCII text", "<description>Café – 日本語 😀</description>")]
    [InlineData("text with its surrounding spaces and a '>'", "<description>  a > b  </description>")]
    [InlineData("repeated unkeyed elements keep their order", "<loginHours>b</loginHours><loginHours>a</loginHours>")]
    [InlineData("nested lists", "<applicationVisibilities><application>X</application><default>false</default><visible>true</visible></applicationVisibilities><categoryGroupVisibilities><dataCategories>B</dataCategories><dataCategories>A</dataCategories><dataCategoryGroup>G</dataCategoryGroup></categoryGroupVisibilities>")]
    public void Documents_in_the_subset_hash_as_the_parser_hashes_them(string kind, string body)
    {
        Assert.NotNull(kind);
        AssertSameAsParser(Profile(body));
    }

    [Fact]
    public void Windows_line_endings_between_elements_and_a_byte_order_mark_are_in_the_subset()
    {
        AssertSameAsParser("\uFEFF" + Profile("<custom>true</custom>\n<description>x</description>").Replace("\n", "\r\n"));
    }

    [Theory]
    [InlineData("an attribute", "<description xsi:nil=\"true\"/>")]
    [InlineData("CDATA", "<description><![CDATA[a < b]]></description>")]
    [InlineData("a character reference", "<description>&#38;</description>")]
    [InlineData("an unknown entity", "<description>&nbsp;</description>")]
    [InlineData("a carriage return inside text", "<description>one\r\ntwo</description>")]
    [InlineData("mixed content", "<description>text<b>bold</b></description>")]
    [InlineData("a processing instruction inside an element", "<description><?pi x?></description>")]
    [InlineData("a namespace prefix", "<x:description xmlns:x=\"urn:x\">a</x:description>")]
    [InlineData("]]> in text", "<description>a ]]> b</description>")]
    [InlineData("a control character", "<description>a\u0001b</description>")]
    [InlineData("a key that is not ASCII", "<userPermissions><enabled>true</enabled><name>Ümlaut</name></userPermissions>")]
    public void Documents_outside_the_subset_are_left_to_the_parser(string kind, string body)
    {
        Assert.NotNull(kind);
        Assert.Null(ByteHash(Encoding.UTF8.GetBytes(Profile(body)), ProfileKeys));
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE Profile [<!ENTITY x \"y\">]><Profile><custom>&x;</custom></Profile>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Profile><custom>true</custom></Profile>")]
    [InlineData("<Profile><custom>true</custom>")]
    [InlineData("<Profile><custom>true</label></Profile>")]
    [InlineData("<Profile><custom>true</custom></Profile><Profile/>")]
    [InlineData("<Profile>loose text<custom>true</custom></Profile>")]
    [InlineData("<Profile><custom>true</custom></Profile>trailing")]
    [InlineData("<Profile><custom>true</custom><!-- a -- b --></Profile>")]
    [InlineData("<Profile></Profile>")]
    [InlineData("<Profile><1custom>true</1custom></Profile>")]
    [InlineData("")]
    public void Malformed_or_unusual_documents_are_left_to_the_parser(string xml)
    {
        Assert.Null(ByteHash(Encoding.UTF8.GetBytes(xml), ProfileKeys));
    }

    [Fact]
    public void Invalid_utf8_is_left_to_the_parser()
    {
        var document = Encoding.UTF8.GetBytes(Profile("<description>ab</description>"));
        var at = Array.IndexOf(document, (byte)'a', document.Length - 40);
        document[at] = 0xC3; // a lead byte followed by an ASCII letter
        Assert.Null(ByteHash(document, ProfileKeys));
    }

    [Fact]
    public void Every_sample_file_the_byte_path_answers_for_hashes_as_the_parser_hashes_it()
    {
        var answered = 0;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(TempTree.RepositoryRoot, "docs/samples"), "*", SearchOption.AllDirectories))
        {
            var document = File.ReadAllBytes(path);
            var keys = UnorderedListRules.ForType(path.Contains(".profile", StringComparison.Ordinal) || path.Contains(".permissionset", StringComparison.Ordinal) ? "Profile" : string.Empty);
            Digest parsed;
            try
            {
                parsed = ParserHash(document, keys);
            }
            catch (System.Xml.XmlException)
            {
                Assert.Null(ByteHash(document, keys)); // not XML (code, images): the byte path must not claim it
                continue;
            }

            if (ByteHash(document, keys) is { } fromBytes)
            {
                answered++;
                Assert.True(parsed.SameAs(fromBytes), path);
            }
        }

        Assert.True(answered > 50, $"the byte path answered for only {answered} sample files");
    }

    [Fact]
    public void Random_profiles_hash_as_the_parser_hashes_them()
    {
        var random = new Random(7);
        string Pick(params string[] choices) => choices[random.Next(choices.Length)];
        for (var document = 0; document < 200; document++)
        {
            var entries = Enumerable.Range(0, random.Next(1, 30)).Select(_ => Pick(
                $"<fieldPermissions><editable>{Pick("true", "false")}</editable><field>{Pick("A", "B", "C")}.{Pick("x", "y")}__c</field><readable>true</readable></fieldPermissions>",
                $"<fieldPermissions><field>{Pick("A", "B")}.z__c</field><editable>false</editable></fieldPermissions>",
                $"<userPermissions><enabled>true</enabled><name>{Pick("ApiEnabled", "ViewSetup")}</name></userPermissions>",
                $"<layoutAssignments><layout>{Pick("L1", "L2")}</layout>{Pick(string.Empty, "<recordType>A.R</recordType>")}</layoutAssignments>",
                $"<description>{Pick("a &amp; b", "x", string.Empty, "  spaced  ", "Ümlaut")}</description>",
                $"<custom>{Pick("true", "false")}</custom>",
                "<!-- note -->",
                "<loginIpRanges/>"));
            var separator = Pick("\n", "\r\n", "\n    ", string.Empty);
            AssertSameAsParser(Profile(string.Join(separator, entries)));
        }
    }
}
