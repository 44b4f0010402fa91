using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace SandboxOps.Engine.Masking;

/// <summary>
/// Masks values deterministically: every mask is drawn from HMAC-SHA256 of the method and the value under the key,
/// so the same value gives the same mask in every file and run (joins on masked values still join), and nothing of
/// the value can be recovered without the key. Empty values and Salesforce's null marker #N/A stay as they are.
/// </summary>
public sealed class Masker : IDisposable
{
    /// <summary>Bulk API 2.0's marker for a null field.</summary>
    public const string NullMarker = "#N/A";

    private readonly ThreadLocal<IncrementalHash> _hmac;

    public Masker(byte[] key)
    {
        if (key.Length < 16)
        {
            throw new ArgumentException("A masking key has at least 16 bytes.", nameof(key));
        }

        var copy = (byte[])key.Clone();
        // One keyed HMAC per thread, reset by each hash: no key schedule or object per value.
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, copy), trackAllValues: true);
    }

    /// <summary>A masker with a key made for this run only: its masks match nothing masked by another run.</summary>
    public static Masker WithRandomKey()
    {
        var key = new byte[32];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(key);
        }

        return new Masker(key);
    }

    public void Dispose()
    {
        foreach (var hmac in _hmac.Values)
        {
            hmac.Dispose();
        }

        _hmac.Dispose();
    }

    /// <summary>
    /// What tells two keys apart without telling anything of either: a resumed masking run must use the key the run
    /// it finishes used, or joins between records masked by each would no longer join.
    /// </summary>
    public string KeyFingerprint => Hex(Digest("fingerprint", "SandboxOps masking key"), 8);

    /// <summary>The masked value; <paramref name="record"/> (the record's id) keys what must agree within a record: a date shift.</summary>
    public string Mask(FieldRule rule, string value, string record)
    {
        if (value.Length == 0 || value == NullMarker || rule.Method == MaskingMethod.Keep)
        {
            return value;
        }

        return rule.Method switch
        {
            MaskingMethod.Email => Email(value),
            MaskingMethod.Phone => Shape(value, "phone", lettersToo: false),
            MaskingMethod.FirstName => Pick(Words.FirstNames, Digest("name", value), 0),
            MaskingMethod.LastName => Pick(Words.LastNames, Digest("name", value), 4),
            MaskingMethod.FullName => FullName(value),
            MaskingMethod.Company => Company(value),
            MaskingMethod.Street => Street(value),
            MaskingMethod.City => Pick(Words.Cities, Digest("city", value), 0),
            MaskingMethod.PostalCode => Shape(value, "postalCode", lettersToo: true),
            MaskingMethod.Text => Shape(value, "text", lettersToo: true),
            MaskingMethod.ShiftDate => ShiftDate(value, record, rule.Days),
            MaskingMethod.Hash => Hex(Digest("hash", value), 32),
            MaskingMethod.Redact => rule.Redaction,
            MaskingMethod.Null => string.Empty,
            _ => value,
        };
    }

    private string Email(string value)
    {
        // Addresses compare without case: so do their masks.
        var digest = Digest("email", value.Trim().ToLowerInvariant());
        return "u" + Hex(digest, 5) + "@" + "m" + Hex(Slice(digest, 5, 3), 3) + ".invalid";
    }

    private string FullName(string value)
    {
        var digest = Digest("fullName", value);
        return Pick(Words.FirstNames, digest, 0) + " " + Pick(Words.LastNames, digest, 4);
    }

    private string Company(string value)
    {
        var digest = Digest("company", value);
        return Pick(Words.CompanyWords, digest, 0) + " " + Pick(Words.CompanyNouns, digest, 4) + " " + Pick(Words.CompanySuffixes, digest, 8);
    }

    private string Street(string value)
    {
        var digest = Digest("street", value);
        var number = (BitConverter.ToUInt16(digest, 12) % 9899) + 1;
        return number.ToString(CultureInfo.InvariantCulture) + " " + Pick(Words.StreetNames, digest, 0) + " " + Pick(Words.StreetTypes, digest, 4);
    }

    /// <summary>Digits for digits, and with <paramref name="lettersToo"/> letters for letters (case kept); the rest as it is.</summary>
    private string Shape(string value, string method, bool lettersToo)
    {
        var builder = new StringBuilder(value.Length);
        byte[] stream = Array.Empty<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            if (i % 32 == 0)
            {
                stream = Digest(method, value, i / 32);
            }

            var b = stream[i % 32];
            var c = value[i];
            builder.Append(
                char.IsDigit(c) ? (char)('0' + (b % 10))
                : lettersToo && char.IsUpper(c) ? (char)('A' + (b % 26))
                : lettersToo && char.IsLetter(c) ? (char)('a' + (b % 26))
                : c);
        }

        return builder.ToString();
    }

    /// <summary>A date (yyyy-MM-dd, alone or at the start of a date-time) moved by the record's shift; the rest of the text kept.</summary>
    private string ShiftDate(string value, string record, int days)
    {
        if (value.Length < 10 || !DateTime.TryParseExact(value.Substring(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Shape(value, "text", lettersToo: true); // not a date: masked all the same
        }

        var digest = Digest("shiftDate", record);
        var shift = (int)(BitConverter.ToUInt32(digest, 0) % (uint)days) + 1;
        return date.AddDays((digest[4] & 1) == 0 ? shift : -shift).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + value.Substring(10);
    }

    private byte[] Digest(string method, string value, int block = 0)
    {
        var text = block == 0 ? method + "\0" + value : method + "\0" + value + "\0" + block.ToString(CultureInfo.InvariantCulture);
        var hmac = _hmac.Value!;
        hmac.AppendData(Encoding.UTF8.GetBytes(text));
        return hmac.GetHashAndReset();
    }

    private static string Pick(string[] words, byte[] digest, int offset) => words[BitConverter.ToUInt32(digest, offset) % (uint)words.Length];

    private static byte[] Slice(byte[] bytes, int start, int length)
    {
        var slice = new byte[length];
        Array.Copy(bytes, start, slice, 0, length);
        return slice;
    }

    private static string Hex(byte[] bytes, int count)
    {
        var builder = new StringBuilder(count * 2);
        for (var i = 0; i < count; i++)
        {
            builder.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
