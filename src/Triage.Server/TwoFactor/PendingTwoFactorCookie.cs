using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Triage.Client.Account;
using Triage.Client.TwoFactor;

namespace Triage.Server.TwoFactor;

/// <summary>
/// Who passed the password step, for five minutes, in a cookie only the sign-in pages receive. The expiry is inside
/// the protected payload and read from the desk's clock, so a cookie kept past its Expires is still refused.
/// </summary>
public sealed class PendingTwoFactorCookie(IDataProtectionProvider protection, TimeProvider clock) : ITwoFactorPending
{
    public const string CookieName = "triage.2fa";
    public const string CookiePath = "/account/login";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("Triage.TwoFactor.Pending.v1");

    public void Begin(HttpContext http, SignedInUser user)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var payload = string.Join('|', user.Id.ToString(CultureInfo.InvariantCulture), user.SecurityStamp,
            expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        http.Response.Cookies.Append(CookieName, _protector.Protect(payload), Options(http, expires));
    }

    public PendingTwoFactor? Read(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } value) return null;
        string payload;
        try
        {
            payload = _protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('|');
        if (parts.Length != 3 ||
            !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var userId) ||
            !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires) ||
            clock.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(expires))
            return null;
        return new PendingTwoFactor(userId, parts[1]);
    }

    public void Clear(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http, null));

    private static CookieOptions Options(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };
}
