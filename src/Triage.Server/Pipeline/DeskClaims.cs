using System.Security.Claims;

namespace Triage.Server.Pipeline;

public static class DeskClaims
{
    public const string SecurityStamp = "triage:stamp";
    public const string SessionId = "triage:sid";
    public const string IssuedAt = "triage:iat";

    public static long? UserId(this ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id : null;

    public static string? Stamp(this ClaimsPrincipal principal) => principal.FindFirstValue(SecurityStamp);
}
