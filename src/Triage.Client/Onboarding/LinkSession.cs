using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Triage.Client.Account;

namespace Triage.Client.Onboarding;

/// <summary>After a good activation or invite link: the new session, and the person's language from their first page on.</summary>
public static class LinkSession
{
    public static async Task StartAsync(HttpContext http, ISessionStarter sessions, LinkOutcome outcome)
    {
        await sessions.StartAsync(http, outcome.User!);
        if (outcome.Language is "vi" or "en")
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(outcome.Language == "en" ? "en-US" : "vi-VN")),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
    }

    /// <summary>The words for a link that no longer works; no hint about the accounts behind it.</summary>
    public static string MessageKey(LinkState state) => state switch
    {
        LinkState.Expired => "Onboard.Link.Expired",
        LinkState.Revoked => "Onboard.Link.Revoked",
        LinkState.UsedUp => "Onboard.Link.UsedUp",
        _ => "Onboard.Link.Invalid",
    };
}
