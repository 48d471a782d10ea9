using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

/// <summary>
/// Every route the server maps, read from its endpoint table rather than listed by hand: only sign-in, health,
/// the OpenAPI document and the few pages a signed-out person must reach may be open, and every API route
/// refuses a caller without a session or token.
/// </summary>
public sealed partial class RouteAuthorizationTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    /// <summary>Routes that must answer without sign-in, each with the reason.</summary>
    private static readonly Dictionary<string, string> OpenByDesign = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/{path}"] = "files under wwwroot (the manifest, icons, styles)",
        ["/health/live"] = "load balancers probe it",
        ["/health/ready"] = "load balancers probe it",
        ["/openapi/{documentName}.json"] = "the API's description is public (DESIGN.md)",
        ["/account/login"] = "signing in",
        ["/account/login/two-factor"] = "the code step of signing in, reached only with the pending sign-in cookie",
        ["/account/logout"] = "signing out; a form post checked for its antiforgery token",
        ["/account/activate/{token}"] = "a new member sets a password from their one-time link",
        ["/join/{token}"] = "a person joins a unit from an invite link",
        ["/preferences/culture"] = "language chosen before sign-in",
        ["/preferences/theme"] = "theme chosen before sign-in",
        ["/not-found"] = "the friendly 404 page",
        ["/error"] = "the friendly error page",
    };

    /// <summary>The API a member uses (DESIGN.md's table): everything else must refuse a member's token.</summary>
    private static readonly HashSet<string> MemberRoutes =
    [
        "GET /api/v1/antiforgery", "GET /api/v1/me", "DELETE /api/v1/me", "GET /api/v1/taxonomy", "GET /api/v1/reports/mine",
        "POST /api/v1/reports", "GET /api/v1/cases/similar", "GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}",
        "GET /api/v1/units", "GET /api/v1/units/{id}", "GET /api/v1/library/countermeasures", "GET /api/v1/notifications",
        "POST /api/v1/notifications/read", "GET /api/v1/cases/{id}", "GET /api/v1/cases/{id}/claimreview", "GET /api/v1/cases/{id}/sla",
        "GET /api/v1/evidence/{sha256}", "GET /api/v1/me/two-factor", "GET /api/v1/me/preferences", "PUT /api/v1/me/preferences/time-zone",
    ];

    private List<(string Method, string Pattern, Endpoint Endpoint)> Routes()
    {
        _ = desk.Server; // builds the host
        return desk.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsFrameworkAsset(e.RoutePattern.RawText ?? ""))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + Unconstrained().Replace((e.RoutePattern.RawText ?? "").TrimStart('/'), "{$1}"), (Endpoint)e)))
            .ToList();
    }

    /// <summary><c>{id:long}</c> and <c>{**path:file}</c> read as <c>{id}</c> and <c>{path}</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\{(?:\*\*)?([^}:]+)(?::[^}]+)?\}")]
    private static partial System.Text.RegularExpressions.Regex Unconstrained();

    /// <summary>Files and Blazor's own hub: static, or authenticated by the circuit's cookie.</summary>
    private static bool IsFrameworkAsset(string pattern) =>
        pattern.StartsWith("_blazor", StringComparison.Ordinal) || pattern.StartsWith("/_blazor", StringComparison.Ordinal) ||
        pattern.StartsWith("_framework", StringComparison.Ordinal) || pattern.StartsWith("/_framework", StringComparison.Ordinal) || pattern.StartsWith("_content", StringComparison.Ordinal) ||
        Path.HasExtension(pattern.Split('{')[0]) && !pattern.StartsWith("openapi", StringComparison.Ordinal) && !pattern.StartsWith("/openapi", StringComparison.Ordinal);

    [Fact]
    public void Every_route_requires_sign_in_except_the_ones_open_by_design()
    {
        var open = Routes()
            .Where(r => r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || r.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(r => r.Pattern).Distinct()
            .Where(p => !OpenByDesign.ContainsKey(p))
            .ToList();
        Assert.Empty(open);
    }

    [Fact]
    public async Task Every_api_route_answers_401_problem_to_a_caller_without_session_or_token()
    {
        var client = desk.NewClient();
        var answered = new List<string>();
        foreach (var (method, pattern, endpoint) in Routes().Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal)))
        {
            using var response = await client.SendAsync(Request(method, pattern, endpoint));
            var type = response.Content.Headers.ContentType?.MediaType;
            if (response.StatusCode != HttpStatusCode.Unauthorized || type != "application/problem+json")
                answered.Add($"{method} {pattern}: {(int)response.StatusCode} {type}");
        }
        Assert.Empty(answered);
    }

    [Fact]
    public async Task A_members_token_gets_nothing_from_the_routes_of_other_roles()
    {
        var member = await desk.BearerClient("member@demo.local");
        var served = new List<string>();
        var checkedRoutes = 0;
        foreach (var (method, pattern, endpoint) in Routes().Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal)))
        {
            if (MemberRoutes.Contains($"{method} {pattern}")) continue;
            checkedRoutes++;
            using var response = await member.SendAsync(Request(method, pattern, endpoint));
            if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.InternalServerError)
                served.Add($"{method} {pattern}: {(int)response.StatusCode}");
        }
        Assert.Empty(served);
        Assert.True(checkedRoutes > 50, $"only {checkedRoutes} staff routes found");
    }

    /// <summary>
    /// The route with each parameter filled by an id of the demo desk, and for writes an empty body of the kind the
    /// route accepts (routing itself answers 415 to another kind, before any sign-in check).
    /// </summary>
    private static HttpRequestMessage Request(string method, string pattern, Endpoint endpoint)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", "1");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        var accepts = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes ?? [];
        if (accepts.Any(t => t.StartsWith("multipart/", StringComparison.Ordinal)))
            request.Content = new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.csv" } };
        else if (method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        return request;
    }
}
