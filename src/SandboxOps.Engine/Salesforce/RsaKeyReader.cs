using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// Reads an unencrypted RSA private key in PEM form, PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1 ("BEGIN RSA
/// PRIVATE KEY"), with a minimal DER reader: netstandard2.0 has no PEM import.
/// </summary>
internal static class RsaKeyReader
{
    private static readonly Regex Block = new("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static RSA Read(SecretText pem)
    {
        var match = Block.Match(pem.Reveal());
        if (!match.Success)
        {
            throw Invalid("it is not a PEM private key (-----BEGIN PRIVATE KEY-----)");
        }

        var label = match.Groups[1].Value;
        byte[] der;
        try
        {
            der = Convert.FromBase64String(match.Groups[2].Value.Replace("\r", string.Empty).Replace("\n", string.Empty).Trim());
        }
        catch (FormatException)
        {
            throw Invalid("its base64 body is damaged");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(label switch
            {
                "PRIVATE KEY" => FromPkcs8(der),
                "RSA PRIVATE KEY" => FromPkcs1(der),
                "ENCRYPTED PRIVATE KEY" => throw Invalid("it is encrypted; give the key without a passphrase (openssl pkey -in key.pem -out plain.pem) and keep that file protected"),
                _ => throw Invalid($"a '{label}' block is not an RSA private key"),
            });
            return rsa;
        }
        catch (Exception ex) when (ex is InvalidDataException or IndexOutOfRangeException or CryptographicException)
        {
            rsa.Dispose();
            throw Invalid("its DER structure is damaged");
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static SalesforceException Invalid(string why) =>
        new("InvalidPrivateKey", $"The private key cannot be used: {why}.");

    private static RSAParameters FromPkcs8(byte[] der)
    {
        var reader = new DerReader(der);
        var info = reader.Sequence();
        info.Integer(); // version
        var algorithm = info.Sequence();
        if (algorithm.ObjectId() != "1.2.840.113549.1.1.1")
        {
            throw Invalid("it is not an RSA key");
        }

        return FromPkcs1(info.OctetString());
    }

    private static RSAParameters FromPkcs1(byte[] der)
    {
        var key = new DerReader(der).Sequence();
        key.Integer(); // version
        var modulus = key.Integer();
        var exponent = key.Integer();
        var d = key.Integer();
        var p = key.Integer();
        var q = key.Integer();
        var dp = key.Integer();
        var dq = key.Integer();
        var inverseQ = key.Integer();
        var size = modulus.Length;
        return new RSAParameters
        {
            Modulus = modulus,
            Exponent = exponent,
            D = Pad(d, size),
            P = Pad(p, (size + 1) / 2),
            Q = Pad(q, (size + 1) / 2),
            DP = Pad(dp, (size + 1) / 2),
            DQ = Pad(dq, (size + 1) / 2),
            InverseQ = Pad(inverseQ, (size + 1) / 2),
        };
    }

    /// <summary>RSA import wants the private values at fixed lengths; DER drops leading zeros.</summary>
    private static byte[] Pad(byte[] value, int length)
    {
        if (value.Length >= length)
        {
            return value;
        }

        var padded = new byte[length];
        Buffer.BlockCopy(value, 0, padded, length - value.Length, value.Length);
        return padded;
    }

    /// <summary>Just enough DER: sequences, unsigned integers, object ids and octet strings.</summary>
    private sealed class DerReader
    {
        private readonly byte[] _bytes;
        private readonly int _end;
        private int _at;

        public DerReader(byte[] bytes, int start = 0, int end = -1)
        {
            _bytes = bytes;
            _at = start;
            _end = end < 0 ? bytes.Length : end;
        }

        public DerReader Sequence()
        {
            var (start, length) = Element(0x30);
            return new DerReader(_bytes, start, start + length);
        }

        public byte[] Integer()
        {
            var (start, length) = Element(0x02);
            while (length > 1 && _bytes[start] == 0)
            {
                start++;
                length--;
            }

            return Slice(start, length);
        }

        public byte[] OctetString()
        {
            var (start, length) = Element(0x04);
            return Slice(start, length);
        }

        public string ObjectId()
        {
            var (start, length) = Element(0x06);
            var parts = new System.Collections.Generic.List<long> { _bytes[start] / 40, _bytes[start] % 40 };
            long value = 0;
            for (var i = start + 1; i < start + length; i++)
            {
                value = (value << 7) | (uint)(_bytes[i] & 0x7F);
                if ((_bytes[i] & 0x80) == 0)
                {
                    parts.Add(value);
                    value = 0;
                }
            }

            _ = Element(0x05, optional: true); // NULL parameters
            return string.Join(".", parts);
        }

        private byte[] Slice(int start, int length)
        {
            var slice = new byte[length];
            Buffer.BlockCopy(_bytes, start, slice, 0, length);
            return slice;
        }

        private (int Start, int Length) Element(byte tag, bool optional = false)
        {
            if (_at >= _end || _bytes[_at] != tag)
            {
                if (optional)
                {
                    return (_at, 0);
                }

                throw new InvalidDataException("Unexpected DER element.");
            }

            _at++;
            var length = (int)_bytes[_at++];
            if (length > 0x80)
            {
                var count = length & 0x7F;
                length = 0;
                for (var i = 0; i < count; i++)
                {
                    length = (length << 8) | _bytes[_at++];
                }
            }

            if (length < 0 || _at + length > _end)
            {
                throw new InvalidDataException("DER length out of range.");
            }

            var start = _at;
            _at += length;
            return (start, length);
        }
    }
}
