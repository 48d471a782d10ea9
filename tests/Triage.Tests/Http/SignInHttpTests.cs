using System.Net;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

public sealed class SignInHttpTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    [Fact]
    public async Task The_sign_in_page_is_plain_html_with_a_form_that_posts_without_javascript()
    {
        var html = await desk.NewClient().GetStringAsync("/account/login");

        Assert.Contains("<form method=\"post\"", html);
        Assert.Contains("name=\"Input.Email\"", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
    }

    [Fact]
    public async Task A_page_asks_an_anonymous_visitor_to_sign_in_and_comes_back_after()
    {
        var client = desk.NewClient();

        var page = await client.GetAsync("/admin/units");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery);

        var signIn = await client.PostSignInForm("admin@demo.local", TestDesk.DemoPassword, "/admin/units");
        Assert.Equal("/admin/units", signIn.Headers.Location!.AbsolutePath);
        Assert.Equal("localhost", signIn.Headers.Location.Host);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/units")).StatusCode);
    }

    [Fact]
    public async Task A_foreign_return_url_is_ignored()
    {
        var response = await desk.NewClient().PostSignInForm("reviewer@demo.local", TestDesk.DemoPassword, "https://evil.example/");

        Assert.Equal("localhost", response.Headers.Location!.Host);
        Assert.Equal("/", response.Headers.Location.AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_render_the_same_message()
    {
        var wrong = await (await desk.NewClient().PostSignInForm("reviewer2@demo.local", "nope")).Content.ReadAsStringAsync();
        var unknown = await (await desk.NewClient().PostSignInForm("ghost@demo.local", "nope")).Content.ReadAsStringAsync();

        string Message(string html) => System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"login-error\">([^<]*)<").Groups[1].Value;
        Assert.NotEmpty(Message(wrong));
        Assert.Equal(Message(wrong), Message(unknown));
    }

    [Fact]
    public async Task An_empty_form_gets_field_messages()
    {
        var html = await (await desk.NewClient().PostSignInForm("", "")).Content.ReadAsStringAsync();

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, "class=\"field-error"));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site()
    {
        var response = await desk.NewClient().PostSignInForm("responder@demo.local", TestDesk.DemoPassword);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("triage.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_out_needs_the_form_token_and_ends_the_session()
    {
        var client = await desk.SignedInClient("member@demo.local");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/account/logout", null)).StatusCode);

        var home = await client.GetStringAsync("/account/profile");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }
}

public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private sealed class StrictDesk : DeskFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Triage:RateLimits:SignInsPerMinutePerIp"] = "3" };
    }

    private readonly StrictDesk _desk = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task Sign_in_posts_beyond_the_per_ip_limit_get_429_with_retry_after()
    {
        var client = _desk.NewClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostSignInForm("member@demo.local", "wrong")).StatusCode);

        var limited = await client.PostSignInForm("member@demo.local", "wrong");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
