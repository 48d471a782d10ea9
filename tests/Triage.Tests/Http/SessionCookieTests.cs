using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

/// <summary>What the session cookie promises: secure over HTTPS, a new one at every sign-in, and an end after idling.</summary>
public sealed class SessionCookieTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private static readonly Uri Https = new("https://desk.example.org/");

    [Fact]
    public async Task Over_https_the_session_cookie_is_secure_http_only_and_same_site()
    {
        var client = desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Https });

        var response = await client.PostSignInForm("responder@demo.local", TestDesk.DemoPassword);

        var cookie = SessionCookie(response);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_in_again_issues_a_new_session_and_the_old_cookie_is_not_reused()
    {
        var client = desk.NewClient();
        var first = SessionCookie(await client.PostSignInForm("reviewer@demo.local", TestDesk.DemoPassword));

        var second = SessionCookie(await client.PostSignInForm("reviewer@demo.local", TestDesk.DemoPassword));

        Assert.NotEqual(first.Split(';')[0], second.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_session_left_idle_past_the_idle_timeout_must_sign_in_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var idle = desk.WithWebHostBuilder(b =>
        {
            b.UseSetting("Triage:Sessions:IdleTimeout", "00:30:00");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        var client = idle.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.PostSignInForm("reviewer@demo.local", TestDesk.DemoPassword);

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("triage.session=", StringComparison.Ordinal));
}

/// <summary>The desk as deployed: Production, behind HTTPS on a real host name.</summary>
public sealed class ProductionHeadersTests(ProductionHeadersTests.ProductionDesk desk) : IClassFixture<ProductionHeadersTests.ProductionDesk>
{
    public sealed class ProductionDesk : DeskFactory
    {
        protected override string EnvironmentName => "Production";
    }

    [Fact]
    public async Task Behind_https_every_answer_tells_browsers_to_keep_to_https()
    {
        var client = desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://desk.example.org/") });

        var response = await client.GetAsync("/account/login");

        Assert.Contains("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_plain_http_no_hsts_is_sent_since_browsers_would_ignore_it()
    {
        var client = desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://desk.example.org/") });

        var response = await client.GetAsync("/account/login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
