using System.Buffers.Text;
using System.Security.Cryptography;
using Triage.Client.Layout;

namespace Triage.Server.Hosting;

/// <summary>
/// Headers every answer carries. Scripts come only from the desk itself, plus the one inline script Blazor writes
/// (the import map), which carries this request's nonce; styles may be inline because MudBlazor sets them on
/// elements and in its theme. No framing (clickjacking a reviewer into a bulk dismissal), no plugins, no base or
/// form targets elsewhere. Referrers are never sent, because the desk links out to the very posts it studies:
/// opening one must not tell the platform, or the post's author, which desk and which case was looking.
/// </summary>
public static class SecurityHeaders
{
    public static string Policy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // URL-safe base64 (CSP allows '-' and '_'), so the page's attribute needs no HTML escaping.
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        context.Items[ScriptNonce.ItemKey] = nonce;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy(nonce);
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        return next(context);
    });
}
