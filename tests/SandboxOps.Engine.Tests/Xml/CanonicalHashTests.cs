using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Xml;

/// <summary>What must not change a hash (noise) and what must (meaning).</summary>
public sealed class CanonicalHashTests
{
    private const string Profile = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Profile xmlns="http://soap.sforce.com/2006/04/metadata">
            <custom>false</custom>
            <fieldPermissions>
                <editable>true</editable>
                <field>Account.A__c</field>
                <readable>true</readable>
            </fieldPermissions>
            <fieldPermissions>
                <editable>false</editable>
                <field>Account.B__c</field>
                <readable>true</readable>
            </fieldPermissions>
            <layoutAssignments>
                <layout>Account-Account Layout</layout>
            </layoutAssignments>
            <layoutAssignments>
                <layout>Account-Account Layout</layout>
                <recordType>Account.Big</recordType>
            </layoutAssignments>
            <userPermissions>
                <enabled>true</enabled>
                <name>ApiEnabled</name>
            </userPermissions>
        </Profile>
        """;

    private const string Field = """
        <?xml version="1.0" encoding="UTF-8"?>
        <CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
            <fullName>Tier__c</fullName>
            <label>Tier</label>
            <type>Picklist</type>
            <valueSet>
                <valueSetDefinition>
                    <value><fullName>Gold</fullName><label>Gold</label></value>
                    <value><fullName>Silver</fullName><label>Silver</label></value>
                </valueSetDefinition>
            </valueSet>
        </CustomField>
        """;

    private static string HashOf(string relativePath, string content)
    {
        using var tree = new TempTree().Write("package.xml", Read.Doc("Package", "<version>62.0</version>")).Write(relativePath, content);
        var (components, observer) = Read.All(tree.Root);
        Assert.Empty(observer.Problems);
        return Assert.Single(components).ContentHash;
    }

    private static string ProfileHash(string content) => HashOf("profiles/Admin.profile", content);

    private static string FieldHash(string content) => HashOf("objects/Account/fields/Tier__c.field-meta.xml", content);

    private const string FieldA = "    <fieldPermissions>\n        <editable>true</editable>\n        <field>Account.A__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n";
    private const string FieldB = "    <fieldPermissions>\n        <editable>false</editable>\n        <field>Account.B__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n";
    private const string LayoutDefault = "    <layoutAssignments>\n        <layout>Account-Account Layout</layout>\n    </layoutAssignments>\n";
    private const string LayoutBig = "    <layoutAssignments>\n        <layout>Account-Account Layout</layout>\n        <recordType>Account.Big</recordType>\n    </layoutAssignments>\n";

    private static string Swap(string text, string first, string second)
    {
        Assert.Contains(first + second, text);
        return text.Replace(first + second, second + first);
    }

    public static TheoryData<string, string> Noise() => new()
    {
        { "keyed entries reordered", Swap(Profile, FieldA, FieldB) },
        { "layout assignments reordered (keyed on layout and record type)", Swap(Profile, LayoutDefault, LayoutBig) },
        { "groups of elements in another order", Profile.Replace("    <custom>false</custom>\n", string.Empty).Replace("</Profile>", "    <custom>false</custom>\n</Profile>") },
        { "indentation and line breaks", Profile.Replace("\n    ", "\n\t\t") },
        { "no XML declaration", Profile.Substring(Profile.IndexOf('\n') + 1) },
        { "namespace prefix", Profile.Replace("<Profile xmlns=\"http://soap.sforce.com/2006/04/metadata\">", "<sf:Profile xmlns:sf=\"http://soap.sforce.com/2006/04/metadata\">").Replace("</Profile>", "</sf:Profile>").Replace("<custom>false</custom>", "<sf:custom>false</sf:custom>") },
        { "CRLF line endings", Profile.Replace("\n", "\r\n") },
        { "comments", Profile.Replace("<custom>", "<!-- set by admin --><custom>") },
    };

    [Theory]
    [MemberData(nameof(Noise))]
    public void Noise_does_not_change_the_hash(string kind, string rewritten)
    {
        Assert.NotEqual(Profile, rewritten); // the rewrite did happen
        Assert.True(ProfileHash(Profile) == ProfileHash(rewritten), kind);
    }

    [Fact]
    public void Self_closing_and_empty_tags_hash_alike() =>
        Assert.Equal(ProfileHash(Profile.Replace("<custom>false</custom>", "<loginIpRanges></loginIpRanges>")), ProfileHash(Profile.Replace("<custom>false</custom>", "<loginIpRanges/>")));

    public static TheoryData<string, string> Changes() => new()
    {
        { "a permission value", Profile.Replace("<editable>false</editable>", "<editable>true</editable>") },
        { "an entry removed", Profile.Replace("<userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>", string.Empty) },
        { "text with inner whitespace", Profile.Replace("Account-Account Layout</layout>\n    </layoutAssignments>", "Account-Account  Layout</layout>\n    </layoutAssignments>") },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Meaningful_changes_change_the_hash(string kind, string rewritten)
    {
        Assert.NotEqual(Profile, rewritten);
        Assert.True(ProfileHash(Profile) != ProfileHash(rewritten), kind);
    }

    [Fact]
    public void Picklist_values_are_ordered_so_a_reorder_is_a_change()
    {
        var reordered = Field.Replace("<value><fullName>Gold</fullName><label>Gold</label></value>", "TMP")
            .Replace("<value><fullName>Silver</fullName><label>Silver</label></value>", "<value><fullName>Gold</fullName><label>Gold</label></value>")
            .Replace("TMP", "<value><fullName>Silver</fullName><label>Silver</label></value>");
        Assert.NotEqual(FieldHash(Field), FieldHash(reordered));
    }

    [Fact]
    public void Layout_items_are_ordered_so_a_reorder_is_a_change()
    {
        const string layout = "<layoutSections><layoutColumns><layoutItems><field>A</field></layoutItems><layoutItems><field>B</field></layoutItems></layoutColumns></layoutSections>";
        var swapped = layout.Replace("<field>A</field>", "<field>X</field>").Replace("<field>B</field>", "<field>A</field>").Replace("<field>X</field>", "<field>B</field>");
        Assert.NotEqual(HashOf("layouts/A-A.layout", Read.Doc("Layout", layout)), HashOf("layouts/A-A.layout", Read.Doc("Layout", swapped)));
    }

    [Fact]
    public void Apex_line_endings_and_byte_order_mark_do_not_change_the_hash_but_code_does()
    {
        const string meta = "<?xml version=\"1.0\"?><ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\"><apiVersion>62.0</apiVersion></ApexClass>";
        string ClassHash(string code)
        {
            using var tree = new TempTree().Write("package.xml", Read.Doc("Package", string.Empty)).Write("classes/A.cls", code).Write("classes/A.cls-meta.xml", meta);
            return Assert.Single(Read.All(tree.Root).Components).ContentHash;
        }

        const string code = "public class A {\n    void b() {}\n}\n";
        Assert.Equal(ClassHash(code), ClassHash(code.Replace("\n", "\r\n")));
        Assert.Equal(ClassHash(code), ClassHash("\uFEFF" + code));
        Assert.NotEqual(ClassHash(code), ClassHash(code.Replace("b()", "c()")));
    }

    [Fact]
    public void Api_version_is_part_of_the_hash()
    {
        string ClassHash(string version)
        {
            using var tree = new TempTree().Write("classes/A.cls", "class A {}").Write("classes/A.cls-meta.xml", Read.Doc("ApexClass", $"<apiVersion>{version}</apiVersion>"));
            return Assert.Single(Read.All(tree.Root).Components).ContentHash;
        }

        Assert.NotEqual(ClassHash("61.0"), ClassHash("62.0"));
    }
}
