using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using Triage.Server.Account;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Hosting;

public static class WebServices
{
    public const string DeskScheme = "Desk";
    public static readonly CultureInfo[] Cultures = [new("vi-VN"), new("en-US")];

    public static WebApplicationBuilder AddDeskWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudLocalizer, DeskMudLocalizer>();
        services.AddHttpContextAccessor();
        services.AddScoped<Client.Layout.ReaderTime>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<CircuitHandler, CircuitPresenceHandler>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        // Viewers on other servers come over the bus between servers; this server's pages hear of changes on its own bus.
        services.AddSingleton(sp => new Live.CasePresence(
            sp.GetRequiredService<Client.Live.ILiveBus>(), sp.GetRequiredService<Live.InProcessLiveBus>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<Live.PresenceHeartbeat>();
        services.AddScoped<Live.CircuitCasePresence>();
        services.AddScoped<Client.Live.ICasePresence>(sp => sp.GetRequiredService<Live.CircuitCasePresence>());
        services.AddScoped<CircuitHandler, Live.CircuitConnectionPresence>();
        services.AddScoped<Client.Account.ISessionStarter, CookieSessionStarter>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, DeskAuthenticationStateProvider>();

        // The desk's clock, not the system's, so the idle timeout follows the same time as everything else (and tests can move it).
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<DeskOptions>, TimeProvider>((o, desk, clock) =>
            {
                o.ExpireTimeSpan = desk.Value.Sessions.IdleTimeout;
                o.TimeProvider = clock;
            });
        services.AddAuthentication(DeskScheme)
            .AddPolicyScheme(DeskScheme, DeskScheme, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "triage.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/login";
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = ValidateSessionAsync,
                    OnRedirectToLogin = ctx => AnswerApiOrRedirect(ctx, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = ctx => AnswerApiOrRedirect(ctx, StatusCodes.Status403Forbidden),
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");

        services.AddRequestLocalization(o =>
        {
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            o.SetDefaultCulture(Cultures[0].Name);
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One global limiter so the form and the API share each user's report allowance.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                var limits = ctx.RequestServices.GetRequiredService<IOptions<DeskOptions>>().Value.RateLimits;
                if (IsSignInPost(ctx.Request))
                    return PerMinute($"sign-in:{ctx.Connection.RemoteIpAddress}", limits.SignInsPerMinutePerIp);
                if (IsReportPost(ctx.Request) && ctx.User.UserId() is { } userId)
                    return PerMinute($"reports:{userId}", limits.ReportsPerMinute);
                return RateLimitPartition.GetNoLimiter("open");
            });
            o.OnRejected = (ctx, _) =>
            {
                var wait = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                ctx.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddProblemDetails();
        // Unreadable bodies and parameters throw in every environment, so UseApiBadRequests answers them the same way.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddSingleton<JobHeartbeats>();
        services.AddHostedService(sp => sp.GetRequiredService<Stats.DailyReportCounts>());
        services.AddSingleton<Cases.PriorityRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<Cases.PriorityRefresher>());
        services.AddHostedService(sp => sp.GetRequiredService<Sla.SlaWatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<Webhooks.WebhookDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<Settings.BackupJob>());
        services.AddHostedService(sp => sp.GetRequiredService<Retention.RetentionJob>());
        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"])
            .AddCheck<Settings.BackupHealthCheck>("backups", tags: ["ready"]);
        return builder;
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        });

    private static bool IsReportPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) &&
        (request.Path.Equals("/api/v1/reports", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/reports/new", StringComparison.OrdinalIgnoreCase));

    private static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase) ||
            // Activation and invite links are guessable only by brute force; they share the sign-in allowance.
            request.Path.StartsWithSegments("/account/activate", StringComparison.OrdinalIgnoreCase) ||
            request.Path.StartsWithSegments("/join", StringComparison.OrdinalIgnoreCase));

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null) return;
        var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
        if (await validator.LoadAsync(context.Principal, context.HttpContext.RequestAborted) is { } actor)
        {
            // The page shell hands this to the circuit, so every time on the page is in the reader's zone from the first render.
            context.HttpContext.Items[Client.Layout.ReaderTime.ItemKey] = actor.TimeZone;
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>The API answers 401/403; pages go to the sign-in form.</summary>
    private static Task AnswerApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
