using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SandboxOps.Engine.Masking;

namespace SandboxOps.Engine.Tests.Masking;

/// <summary>Every method keeps its shape and is deterministic under a key.</summary>
public sealed class MaskerTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a test key of thirty-two bytes!!");
    private static readonly byte[] OtherKey = Encoding.UTF8.GetBytes("another key, also 32 bytes long!");

    public static TheoryData<MaskingMethod, string, string> Shapes => new()
    {
        { MaskingMethod.Email, "Dana.Smith@Acme.example", @"^u[0-9a-f]{10}@m[0-9a-f]{6}\.invalid$" },
        { MaskingMethod.Phone, "+1 (415) 555-0132", @"^\+\d \(\d{3}\) \d{3}-\d{4}$" },
        { MaskingMethod.FirstName, "Dana", @"^[A-Z][a-z]+$" },
        { MaskingMethod.LastName, "Smith", @"^[A-Z][a-z]+$" },
        { MaskingMethod.FullName, "Dana Smith", @"^[A-Z][a-z]+ [A-Z][a-z]+$" },
        { MaskingMethod.Company, "Acme Corporation", @"^[A-Z][a-z]+ [A-Z][a-z]+ \S+$" },
        { MaskingMethod.Street, "1 Market Street", @"^\d{1,4} [A-Z][a-z]+ [A-Z][a-z]+$" },
        { MaskingMethod.City, "San Francisco", @"^[A-Z][a-z]+( [A-Z][a-z]+)?$" },
        { MaskingMethod.PostalCode, "SW1A 1AA", @"^[A-Z]{2}\d[A-Z] \d[A-Z]{2}$" },
        { MaskingMethod.Text, "Call Dana re: 3 invoices!", @"^[A-Z][a-z]{3} [A-Z][a-z]{3} [a-z]{2}: \d [a-z]{8}!$" },
        { MaskingMethod.ShiftDate, "1984-02-29", @"^\d{4}-\d{2}-\d{2}$" },
        { MaskingMethod.ShiftDate, "2026-11-30T10:15:00.000Z", @"^\d{4}-\d{2}-\d{2}T10:15:00\.000Z$" },
        { MaskingMethod.Hash, "anything", @"^[0-9a-f]{64}$" },
        { MaskingMethod.Redact, "secret", @"^REDACTED$" },
        { MaskingMethod.Null, "secret", @"^$" },
        { MaskingMethod.Keep, "as is", @"^as is$" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_method_keeps_its_shape_and_gives_the_same_mask_for_the_same_value_under_a_key(MaskingMethod method, string value, string shape)
    {
        using var masker = new Masker(Key);
        using var again = new Masker(Key);
        using var other = new Masker(OtherKey);
        var rule = new FieldRule(method);

        var masked = masker.Mask(rule, value, "001000000000001AAA");

        Assert.Matches(new Regex(shape), masked);
        Assert.Equal(masked, again.Mask(rule, value, "001000000000001AAA"));
        if (method is not (MaskingMethod.Keep or MaskingMethod.Redact or MaskingMethod.Null))
        {
            Assert.NotEqual(value, masked);
            Assert.NotEqual(masked, other.Mask(rule, value, "001000000000001AAA"));
        }

        if (method is MaskingMethod.Phone or MaskingMethod.PostalCode or MaskingMethod.Text or MaskingMethod.ShiftDate)
        {
            Assert.Equal(value.Length, masked.Length);
        }
    }

    [Fact]
    public void Dates_of_one_record_move_together_within_the_limit_and_nulls_stay_null()
    {
        using var masker = new Masker(Key);
        var rule = new FieldRule(MaskingMethod.ShiftDate, days: 10);
        var birth = DateTime.Parse(masker.Mask(rule, "1984-02-29", "003A"), System.Globalization.CultureInfo.InvariantCulture);
        var joined = DateTime.Parse(masker.Mask(rule, "2020-06-01", "003A"), System.Globalization.CultureInfo.InvariantCulture);

        var shift = (birth - new DateTime(1984, 2, 29)).TotalDays;
        Assert.Equal(shift, (joined - new DateTime(2020, 6, 1)).TotalDays);
        Assert.InRange(Math.Abs(shift), 1, 10);
        Assert.Contains(Enumerable.Range(0, 40).Select(i => masker.Mask(rule, "2020-06-01", "003" + i)), d => d != masker.Mask(rule, "2020-06-01", "003A"));
        Assert.Equal("#N/A", masker.Mask(new FieldRule(MaskingMethod.Email), "#N/A", "x"));
        Assert.Equal(string.Empty, masker.Mask(new FieldRule(MaskingMethod.Email), string.Empty, "x"));
        Assert.Equal(masker.Mask(new FieldRule(MaskingMethod.Email), "Dana@Acme.example", "a"), masker.Mask(new FieldRule(MaskingMethod.Email), "dana@acme.example", "b"));
        Assert.Throws<ArgumentException>(() => new Masker(new byte[8]));
    }
}
