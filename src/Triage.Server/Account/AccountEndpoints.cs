using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Triage.Server.Hosting;

namespace Triage.Server.Account;

/// <summary>Sign-out and the two browser preferences (language, theme), each a cookie then a redirect back.</summary>
public static class AccountEndpoints
{
    public const string ThemeCookie = "triage.theme";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with the antiforgery token: a link could sign people out from another site.
        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/account/login");
        });

        app.MapGet("/preferences/culture", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (WebServices.Cultures.Any(c => c.Name == culture))
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(LocalOrHome(returnUrl));
        }).AllowAnonymous();

        app.MapGet("/preferences/theme", (string mode, string? returnUrl, HttpContext http) =>
        {
            if (mode is "dark" or "light" or "system")
                http.Response.Cookies.Append(ThemeCookie, mode,
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(LocalOrHome(returnUrl));
        }).AllowAnonymous();
        return app;
    }

    private static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url : "/";
}
