using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.TwoFactor;

/// <summary>
/// A cookie session of a user whose role requires two-factor sign-in but who has not enrolled reaches only the
/// enrolment page: other pages redirect there and the API answers 403. Bearer tokens pass, since a signed-in user
/// issued them; sign-out, the circuit hub and static files pass, since they are not pages.
/// </summary>
public static class TwoFactorEnrolmentGate
{
    public const string EnrolPath = "/account/two-factor";
    public const string ProblemCode = "two_factor_enrolment_required";

    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (await MustEnrolAsync(context) is not { } api)
        {
            await next(context);
            return;
        }
        if (api)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Two-factor enrolment required.",
                detail: $"Your role requires two-factor sign-in: set it up at {EnrolPath} first.",
                extensions: new Dictionary<string, object?> { ["code"] = ProblemCode }).ExecuteAsync(context);
            return;
        }
        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect($"{EnrolPath}?returnUrl={Uri.EscapeDataString(back)}");
    });

    /// <summary>Null to let the request through; true to refuse an API call, false to redirect a page.</summary>
    private static async Task<bool?> MustEnrolAsync(HttpContext context)
    {
        if (context.User.Identity is not { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme } ||
            context.User.UserId() is not { } userId)
            return null;
        var requirement = context.RequestServices.GetRequiredService<TwoFactorRequirement>();
        if (requirement.Roles.Count == 0) return null;

        var path = context.Request.Path;
        bool api;
        if (path.StartsWithSegments("/api"))
        {
            if (path.Equals("/api/v1/me/two-factor", StringComparison.OrdinalIgnoreCase)) return null;
            api = true;
        }
        else if (context.GetEndpoint()?.Metadata is { } metadata && metadata.GetMetadata<ComponentTypeMetadata>() is not null &&
                 metadata.GetMetadata<IAllowAnonymous>() is null && !path.StartsWithSegments(EnrolPath, StringComparison.OrdinalIgnoreCase))
            api = false;
        else
            return null;

        await using var connection = await context.RequestServices.GetRequiredService<Db>().OpenAsync(context.RequestAborted);
        return await requirement.MustEnrolAsync(connection, userId) ? api : null;
    }
}
