using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Triage.Server.Account;

/// <summary>Bearer tokens: 256 random bits, URL-safe, kept only as a SHA-256 (enough for a secret this long).</summary>
public static class ApiTokens
{
    public const string Prefix = "trg_";

    public static string Generate() => Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>What the profile page shows to tell tokens apart.</summary>
    public static string Visible(string token) => token[..Math.Min(token.Length, Prefix.Length + 6)];
}
