using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using OtpNet;
using QRCoder;

namespace Triage.Server.TwoFactor;

/// <summary>
/// RFC 6238 codes as authenticator apps make them (SHA-1, six digits, 30-second steps), checked one step either
/// side for a drifting phone clock, each step accepted once. Secrets are stored only as Data Protection ciphertext.
/// </summary>
public sealed class Authenticator(IDataProtectionProvider protection)
{
    public const int RecoveryCodeCount = 10;
    public const int StepSeconds = 30;
    public const int Digits = 6;
    private const string RecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    private readonly IDataProtector _secrets = protection.CreateProtector("Triage.TwoFactor.Secret.v1");

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    public string Protect(byte[] secret) => _secrets.Protect(Base32Encoding.ToString(secret));

    public byte[] Unprotect(string stored) => Base32Encoding.ToBytes(_secrets.Unprotect(stored));

    /// <summary>The Base32 key in groups of four, as apps accept it typed.</summary>
    public static string DisplayKey(byte[] secret)
    {
        var key = Base32Encoding.ToString(secret).TrimEnd('=');
        return string.Join(' ', key.Chunk(4).Select(c => new string(c)));
    }

    public static string OtpAuthUri(byte[] secret, string issuer, string account)
    {
        var key = Base32Encoding.ToString(secret).TrimEnd('=');
        var label = Uri.EscapeDataString($"{issuer}:{account}");
        return $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }

    public static string QrCodeDataUri(string text) =>
        "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(text, QRCodeGenerator.ECCLevel.M, 5));

    /// <summary>The time step a code belongs to when it is current (±1 step) and newer than <paramref name="lastStep"/>, else null.</summary>
    public static long? MatchStep(byte[] secret, string code, DateTimeOffset now, long lastStep)
    {
        var digits = Normalize(code);
        if (!LooksLikeTotp(digits)) return null;
        var totp = new Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits);
        if (!totp.VerifyTotp(now.UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1))) return null;
        return step > lastStep ? step : null;
    }

    /// <summary>
    /// Checks a code against the user's secret (only a confirmed one unless <paramref name="pending"/>) and, when it
    /// matches, records its step so it cannot be used again.
    /// </summary>
    public async Task<bool> AcceptCodeAsync(DbConnection connection, DbTransaction tx, long userId, string code, DateTimeOffset now, bool pending = false)
    {
        var found = await connection.QuerySingleOrDefaultAsync<SecretRow>(
            $"SELECT secret AS Secret, last_step AS LastStep FROM user_two_factor WHERE user_id = @userId AND enabled_at IS {(pending ? "" : "NOT ")}NULL",
            new { userId }, tx);
        if (found is null) return false;
        if (MatchStep(Unprotect(found.Secret), code, now, found.LastStep) is not { } step) return false;
        await connection.ExecuteAsync("UPDATE user_two_factor SET last_step = @step WHERE user_id = @userId", new { userId, step }, tx);
        return true;
    }

    /// <summary>Consumes a recovery code; answers how many are left, or null when it is not one of the user's unused codes.</summary>
    public static async Task<int?> UseRecoveryCodeAsync(DbConnection connection, DbTransaction tx, long userId, string code, DateTimeOffset now)
    {
        var used = await connection.ExecuteAsync("""
            UPDATE user_recovery_codes SET used_at = @now
            WHERE user_id = @userId AND code_hash = @hash AND used_at IS NULL
            """, new { userId, hash = HashRecoveryCode(code), now }, tx);
        if (used == 0) return null;
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM user_recovery_codes WHERE user_id = @userId AND used_at IS NULL", new { userId }, tx);
    }

    /// <summary>Replaces all of a user's recovery codes with new ones and answers them, the only time they are seen.</summary>
    public static async Task<IReadOnlyList<string>> IssueRecoveryCodesAsync(DbConnection connection, DbTransaction tx, long userId)
    {
        var codes = Enumerable.Range(0, RecoveryCodeCount)
            .Select(_ => RandomNumberGenerator.GetString(RecoveryAlphabet, 5) + "-" + RandomNumberGenerator.GetString(RecoveryAlphabet, 5))
            .ToList();
        await connection.ExecuteAsync("DELETE FROM user_recovery_codes WHERE user_id = @userId", new { userId }, tx);
        await connection.ExecuteAsync("INSERT INTO user_recovery_codes (user_id, code_hash) VALUES (@userId, @hash)",
            codes.Select(c => new { userId, hash = HashRecoveryCode(c) }), tx);
        return codes;
    }

    public static bool LooksLikeTotp(string code)
    {
        var digits = Normalize(code);
        return digits.Length == Digits && digits.All(char.IsAsciiDigit);
    }

    // About 50 bits per code and single use: a fast hash is enough, as for API tokens.
    private static string HashRecoveryCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));

    private static string Normalize(string code) =>
        new(code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToLowerInvariant).ToArray());

    private sealed class SecretRow
    {
        public string Secret { get; init; } = "";
        public long LastStep { get; init; }
    }
}
