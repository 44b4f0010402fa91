using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SandboxOps.Engine.Salesforce;

/// <summary>The signed assertion of the OAuth 2.0 JWT bearer flow: RS256 over iss, sub, aud and exp.</summary>
internal static class JwtAssertion
{
    public static string Create(string clientId, string username, string audience, RSA key, DateTimeOffset now)
    {
        var header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\"}"));
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new JwtClaims
        {
            Issuer = clientId,
            Subject = username,
            Audience = audience,
            Expires = now.AddMinutes(3).ToUnixTimeSeconds(),
        }));
        var signed = header + "." + claims;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }

    private sealed class JwtClaims
    {
        [System.Text.Json.Serialization.JsonPropertyName("iss")]
        public string Issuer { get; set; } = string.Empty;

        [System.Text.Json.Serialization.JsonPropertyName("sub")]
        public string Subject { get; set; } = string.Empty;

        [System.Text.Json.Serialization.JsonPropertyName("aud")]
        public string Audience { get; set; } = string.Empty;

        [System.Text.Json.Serialization.JsonPropertyName("exp")]
        public long Expires { get; set; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} for {1}", Issuer, Subject);
    }
}
