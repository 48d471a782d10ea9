using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Triage.Server.Account;

/// <summary>Identity's PBKDF2 hasher, plus a generator for passwords that are shown once.</summary>
public sealed class Passwords
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static readonly PasswordAccount Anyone = new();
    private readonly PasswordHasher<PasswordAccount> _hasher = new();

    /// <summary>Verified against when the user is unknown, so both answers take the same time.</summary>
    private readonly string _decoy;

    public Passwords() => _decoy = _hasher.HashPassword(Anyone, Generate());

    public string Hash(string password) => _hasher.HashPassword(Anyone, password);

    public PasswordVerificationResult Verify(string? hash, string password) =>
        _hasher.VerifyHashedPassword(Anyone, hash ?? _decoy, password);

    public void VerifyDecoy(string password) => _hasher.VerifyHashedPassword(Anyone, _decoy, password);

    public static string Generate(int length = 16) => RandomNumberGenerator.GetString(Alphabet, length);

    public static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private sealed class PasswordAccount;
}
