using Microsoft.AspNetCore.Antiforgery;
using Triage.Server.Account;
using Triage.Server.Taxonomy;
using Triage.Server.Units;
using Triage.Server.Users;
using Triage.Server.Audit;
using Triage.Server.Reports;
using Triage.Server.Responses;
using Triage.Server.Cases;
using Triage.Server.Routing;
using Triage.Server.Sla;
using Triage.Server.Library;
using Triage.Server.Stats;
using Triage.Server.Webhooks;

namespace Triage.Server.Api;

public static class DeskApi
{
    /// <summary>
    /// /api/v1: each feature maps its own routes; every route sends the same MediatR request a page sends,
    /// so authorisation, validation and audit happen once, in the pipeline.
    /// </summary>
    public static IEndpointRouteBuilder MapDeskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization()
            .AddEndpointFilter<ApiErrors>()
            .AddEndpointFilter<CookieWritesNeedAntiforgery>()
            .DisableAntiforgery() // checked above for cookie writes only, and answered as problem details
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ApiLimits.MaxJsonBody));

        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new { headerName = tokens.HeaderName, token = tokens.RequestToken });
        });
        api.MapAccountApi();
        api.MapTaxonomyApi();
        api.MapUnitsApi();
        api.MapUsersApi();
        api.MapAuditApi();
        api.MapReportsApi();
        api.MapCasesApi();
        api.MapListCasesApi();
        api.MapCaseWorkApi();
        api.MapRoutingApi();
        api.MapSlaApi();
        api.MapResponsesApi();
        api.MapLibraryApi();
        api.MapStatsApi();
        Exports.ExportsApi.MapExportsApi(api);
        Imports.ImportsApi.MapImportsApi(api);
        api.MapWebhooksApi();
        Onboarding.OnboardingApi.MapOnboardingApi(api);
        Settings.SettingsApi.MapSettingsApi(api);
        Retention.RetentionApi.MapRetentionApi(api);
        TwoFactor.TwoFactorApi.MapTwoFactorApi(api);
        return app;
    }
}

/// <summary>The list shape every list route answers.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
