using System;
using System.IO;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Masking;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Masking;

/// <summary>CSV files masked as they stream: dialects round-trip, joins survive, a malformed file leaves nothing.</summary>
public sealed class CsvMaskerTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a test key of thirty-two bytes!!");

    private static readonly MaskingRules Rules = MaskingRules.Parse(Encoding.UTF8.GetBytes("""
        { "objects": {
            "Contact": { "Email": "email", "LastName": "lastName", "Birthdate": { "method": "shiftDate", "days": 20 } },
            "Lead": { "Email": "email" } } }
        """), "rules.json");

    public static TheoryData<string, string> Dialects => new()
    {
        { "Bulk API 2.0 (LF, no BOM)", "\"Id\",\"LastName\",\"Email\",\"Description\"\n\"003A\",\"Smith\",\"dana@acme.example\",\"two\nlines, with \"\"quotes\"\"\"\n\"003B\",\"#N/A\",\"#N/A\",\"\"\n" },
        { "Data Loader (CRLF, BOM)", "\uFEFFID,LASTNAME,EMAIL,DESCRIPTION\r\n003A,Smith,dana@acme.example,\"two\r\nlines\"\r\n003B,,,plain\r\n" },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void A_file_round_trips_in_its_dialect_with_only_the_named_columns_masked(string dialect, string csv)
    {
        using var tree = new TempTree().Write("in/Contact.csv", csv);
        using var masker = new Masker(Key);

        var reports = new CsvMasker(new EngineContext(new RecordingObserver())).Protect(tree.PathOf("in/Contact.csv"), "Contact", Rules, masker, tree.PathOf("out/Contact.csv"), overwrite: false);

        var output = File.ReadAllBytes(tree.PathOf("out/Contact.csv"));
        var input = Encoding.UTF8.GetBytes(csv);
        Assert.Equal(input.Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }), output.Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }));
        var text = Encoding.UTF8.GetString(output).TrimStart('\uFEFF');
        Assert.Equal(csv.Contains("\r\n", StringComparison.Ordinal), text.Contains("\r\n", StringComparison.Ordinal));
        Assert.DoesNotContain("dana@acme.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Smith", text, StringComparison.Ordinal);
        Assert.Contains("two" + (dialect.Contains("CRLF", StringComparison.Ordinal) ? "\r\n" : "\n") + "lines", text, StringComparison.Ordinal);
        Assert.Equal(new[] { ("Email", 2L, 1L), ("LastName", 2L, 1L) }, reports.Select(r => (r.Column.Length == 5 ? "Email" : "LastName", r.Rows, r.Masked)).OrderBy(r => r.Item1));
        Assert.Equal(new[] { "Contact.csv" }, Directory.GetFileSystemEntries(tree.PathOf("out")).Select(Path.GetFileName));

        // Nothing named: the file comes out as it went in, byte for byte, quoting style included.
        using var plain = new TempTree().Write("Lead.csv", csv);
        new CsvMasker(new EngineContext(new RecordingObserver())).Protect(plain.PathOf("Lead.csv"), "Account", Rules, masker, plain.PathOf("out/Lead.csv"), overwrite: false);
        Assert.Equal(File.ReadAllBytes(plain.PathOf("Lead.csv")), File.ReadAllBytes(plain.PathOf("out/Lead.csv")));
    }

    [Fact]
    public void A_join_on_a_masked_value_still_joins_across_files_and_objects()
    {
        using var tree = new TempTree()
            .Write("Contact.csv", "Id,Email\n003A,dana@acme.example\n003B,sam@acme.example\n")
            .Write("Lead.csv", "Id,Email\n00QA,SAM@acme.example\n");
        using var masker = new Masker(Key);
        var csv = new CsvMasker(new EngineContext(new RecordingObserver()));

        csv.Protect(tree.PathOf("Contact.csv"), "Contact", Rules, masker, tree.PathOf("out/Contact.csv"), false);
        csv.Protect(tree.PathOf("Lead.csv"), "Lead", Rules, masker, tree.PathOf("out/Lead.csv"), false);

        var contactSam = File.ReadAllLines(tree.PathOf("out/Contact.csv"))[2].Split(',')[1];
        var leadSam = File.ReadAllLines(tree.PathOf("out/Lead.csv"))[1].Split(',')[1];
        Assert.Equal(contactSam, leadSam);
        Assert.EndsWith(".invalid", leadSam, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Id,Email\n003A,dana@acme.example\n003B,sam\"x@acme.example\n", 3)]
    [InlineData("Id,Email\n003A,dana@acme.example\n003B,a,b\n", 3)]
    [InlineData("Id,Email\n003A,\"never closed\n", 2)]
    public void A_malformed_file_fails_naming_file_line_and_column_and_leaves_nothing(string csv, int line)
    {
        using var tree = new TempTree().Write("Contact.csv", csv);
        using var masker = new Masker(Key);

        var failure = Assert.Throws<MaskingException>(() => new CsvMasker(new EngineContext(new RecordingObserver())).Protect(tree.PathOf("Contact.csv"), "Contact", Rules, masker, tree.PathOf("out/Contact.csv"), false));

        Assert.Contains(tree.PathOf("Contact.csv"), failure.Message, StringComparison.Ordinal);
        Assert.Contains($"line {line}, column ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("dana@", failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.InvalidData, failure.Kind);
        Assert.Empty(Directory.Exists(tree.PathOf("out")) ? Directory.GetFileSystemEntries(tree.PathOf("out")) : Array.Empty<string>());
        Assert.Equal(csv, File.ReadAllText(tree.PathOf("Contact.csv")));
    }

    [Fact]
    public void An_existing_output_needs_overwrite_and_the_input_is_never_the_output()
    {
        using var tree = new TempTree().Write("Contact.csv", "Id,Email\n003A,a@b.c\n").Write("out/Contact.csv", "old");
        using var masker = new Masker(Key);
        var csv = new CsvMasker(new EngineContext(new RecordingObserver()));

        Assert.Equal(FailureKind.AlreadyExists, Assert.Throws<MaskingException>(() => csv.Protect(tree.PathOf("Contact.csv"), "Contact", Rules, masker, tree.PathOf("out/Contact.csv"), false)).Kind);
        Assert.Equal(FailureKind.InvalidArgument, Assert.Throws<MaskingException>(() => csv.Protect(tree.PathOf("Contact.csv"), "Contact", Rules, masker, tree.PathOf("Contact.csv"), true)).Kind);
        csv.Protect(tree.PathOf("Contact.csv"), "Contact", Rules, masker, tree.PathOf("out/Contact.csv"), true);
        Assert.DoesNotContain("a@b.c", File.ReadAllText(tree.PathOf("out/Contact.csv")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"objects\": { \"Contact\": { \"Email\": \"scramble\" } } }", "$.objects.Contact.Email", "'scramble' is not a masking method")]
    [InlineData("{ \"objects\": { \"Contact\": { \"Birthdate\": { \"method\": \"shiftDate\", \"days\": -3 } } } }", "$.objects.Contact.Birthdate.days", "days is a whole number")]
    [InlineData("[ { \"Object\": \"Contact\", \"Method\": \"email\" } ]", "$[0]", "needs Object, Field and Method")]
    [InlineData("{ \"rules\": [] }", "$", "expected { \"objects\"")]
    [InlineData("{ \"objects\": ", "line 1", "not valid JSON")]
    public void Bad_rules_are_refused_with_their_place(string json, string where, string what)
    {
        var failure = Assert.Throws<InvalidArgumentException>(() => MaskingRules.Parse(Encoding.UTF8.GetBytes(json), "/rules/r.json"));

        Assert.Contains("/rules/r.json", failure.Message, StringComparison.Ordinal);
        Assert.Contains(where, failure.Message, StringComparison.Ordinal);
        Assert.Contains(what, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_read_from_either_shape_and_write_back_to_the_same_rules()
    {
        var array = MaskingRules.Parse(Encoding.UTF8.GetBytes("[ { \"Object\": \"Contact\", \"Field\": \"Email\", \"Method\": \"Email\", \"Reason\": \"Email field\" }, { \"Object\": \"Contact\", \"Field\": \"Birthdate\", \"Method\": \"ShiftDate\" } ]"), "r.json");
        var again = MaskingRules.Parse(array.ToJson(), "again.json");

        Assert.Equal(array.All.Select(r => r.ToString()).OrderBy(s => s), again.All.Select(r => r.ToString()).OrderBy(s => s));
        Assert.Equal(MaskingMethod.Email, again.For("contact")["EMAIL"].Method);
    }
}
