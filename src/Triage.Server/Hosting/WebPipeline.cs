using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Triage.Client;
using Triage.Server.Account;
using Triage.Server.Api;
using Triage.Server.TwoFactor;

namespace Triage.Server.Hosting;

public static class WebPipeline
{
    public static WebApplication UseDesk(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        // API callers and files get the bare status (problem details for the API); a person whose browser asked
        // for a page that does not exist gets one in their language. The inner handler answers first, so it stands
        // aside for everything but a page request. (A UseWhen branch cannot re-execute: it has no routes.)
        app.UseStatusCodePages();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use(ReExecuteOnlyPages);
        app.UseApiBadRequests();
        app.UseRequestLocalization();
        app.UseAuthentication();
        // After authentication: the report allowance is per user.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseTwoFactorEnrolment();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapDeskApi();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>()
            // The desk's own policy (SecurityHeaders) already forbids every frame ancestor; a second header from here would only repeat a weaker one.
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    private static Task ReExecuteOnlyPages(HttpContext context, RequestDelegate next)
    {
        if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } reExecute) reExecute.Enabled = false;
        return next(context);
    }

    /// <summary>A browser navigating to a page: a GET that accepts HTML, outside the API.</summary>
    private static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/api")
        && context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
