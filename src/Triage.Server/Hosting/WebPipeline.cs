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
        app.UseStatusCodePages();
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
}
