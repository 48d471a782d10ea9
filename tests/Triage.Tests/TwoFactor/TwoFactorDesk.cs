using OtpNet;
using Triage.Client.TwoFactor;
using Triage.Tests.Support;

namespace Triage.Tests.TwoFactor;

/// <summary>Codes as an authenticator app computes them, at whatever time the test says.</summary>
public static class TwoFactorCodes
{
    public static string At(byte[] secret, DateTimeOffset time) => new Totp(secret).ComputeTotp(time.UtcDateTime);

    /// <summary>The key as the enrolment page shows it (grouped by four), back to bytes.</summary>
    public static byte[] FromDisplayedKey(string key) => Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>Enrols the user with a code at the desk's current time; that time step is then used up.</summary>
    public static async Task<(byte[] Secret, IReadOnlyList<string> RecoveryCodes)> Enrol(this TestDesk desk, string email)
    {
        var enrolment = await desk.SendAs(email, new BeginTwoFactorEnrolment());
        var secret = FromDisplayedKey(enrolment.Key);
        var codes = await desk.SendAs(email, new EnableTwoFactor { Code = At(secret, desk.Clock.GetUtcNow()) });
        return (secret, codes.Codes);
    }
}
