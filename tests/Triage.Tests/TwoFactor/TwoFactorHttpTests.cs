using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Triage.Server.Data;
using Triage.Server.TwoFactor;
using Triage.Tests.Support;

namespace Triage.Tests.TwoFactor;

/// <summary>The desk in Development but with admins and coordinators required to use two-factor sign-in, on a clock the test moves.</summary>
public sealed class TwoFactorDeskFactory : DeskFactory
{
    public ShiftedClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Triage:TwoFactor:RequiredRoles:0"] = "Admin",
        ["Triage:TwoFactor:RequiredRoles:1"] = "Coordinator",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Gives the user an app secret directly, as if they had enrolled on their profile.</summary>
    public async Task<byte[]> Enrol(string email)
    {
        var secret = Authenticator.NewSecret();
        var stored = Services.GetRequiredService<Authenticator>().Protect(secret);
        await using var connection = await Services.GetRequiredService<Db>().OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO user_two_factor (user_id, secret, enabled_at, created_at)
            SELECT id, @stored, @now, @now FROM users WHERE email = @email
            """, new { stored, now = Clock.GetUtcNow(), email });
        return secret;
    }

    /// <summary>Ten recovery codes for the user, as enabling would give them.</summary>
    public async Task<IReadOnlyList<string>> IssueRecoveryCodes(string email)
    {
        await using var connection = await Services.GetRequiredService<Db>().OpenAsync();
        await using var tx = connection.BeginTransaction();
        var userId = await connection.ExecuteScalarAsync<long>("SELECT id FROM users WHERE email = @email", new { email }, tx);
        var codes = await Authenticator.IssueRecoveryCodesAsync(connection, tx, userId);
        await tx.CommitAsync();
        return codes;
    }

    /// <summary>An API token for the user, as they would have issued it for an integration.</summary>
    public async Task<string> IssueToken(string email)
    {
        var token = Triage.Server.Account.ApiTokens.Generate();
        await using var connection = await Services.GetRequiredService<Db>().OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at)
            SELECT id, 'integration', @hash, @prefix, @now FROM users WHERE email = @email
            """, new { email, hash = Triage.Server.Account.ApiTokens.HashOf(token), prefix = Triage.Server.Account.ApiTokens.Visible(token), now = Clock.GetUtcNow() });
        return token;
    }

    /// <summary>A new member with the demo password, for a test that needs a user no other test enrols.</summary>
    public async Task<string> CopyOfMember(string email)
    {
        await using var connection = await Services.GetRequiredService<Db>().OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO users (email, name, unit_id, password_hash, security_stamp, created_at)
            SELECT @email, name, unit_id, password_hash, 'copied-stamp', created_at FROM users WHERE email = 'member@demo.local';
            INSERT INTO user_roles (user_id, role) SELECT id, 'member' FROM users WHERE email = @email;
            """, new { email });
        return email;
    }

    /// <summary>The real clock plus an offset the test moves forward, so timers and the circuit keep running.</summary>
    public sealed class ShiftedClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }
}

public sealed partial class TwoFactorHttpTests(TwoFactorDeskFactory desk) : IClassFixture<TwoFactorDeskFactory>
{
    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static async Task<HttpResponseMessage> PostCode(HttpClient client, string location, string code, string? tokenFrom = null)
    {
        var page = await client.GetStringAsync(tokenFrom ?? location);
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        return await client.PostAsync(location, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "two-factor",
            ["__RequestVerificationToken"] = token,
            ["Input.Code"] = code,
        }));
    }

    private string CodeNow(byte[] secret) => TwoFactorCodes.At(secret, desk.Clock.GetUtcNow());

    [Fact]
    public async Task The_password_alone_gives_an_enrolled_user_no_session_only_a_short_strict_pending_cookie()
    {
        await desk.Enrol("reviewer@demo.local");
        var client = desk.NewClient();

        var response = await client.PostSignInForm("reviewer@demo.local", TestDesk.DemoPassword, "/reports/mine");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login/two-factor", response.Headers.Location!.AbsolutePath);
        Assert.Contains("returnUrl=%2Freports%2Fmine", response.Headers.Location.Query);
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith("triage.session=", StringComparison.Ordinal));
        var pending = SetCookies(response).Single(c => c.StartsWith("triage.2fa=", StringComparison.Ordinal));
        Assert.Contains("httponly", pending, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", pending, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/account/login", pending, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task The_code_step_turns_a_wrong_code_away_and_starts_the_session_on_the_right_one()
    {
        var secret = await desk.Enrol("responder@demo.local");
        var client = desk.NewClient();
        var step = (await client.PostSignInForm("responder@demo.local", TestDesk.DemoPassword, "/reports/mine")).Headers.Location!.PathAndQuery;

        var wrong = await PostCode(client, step, "000000" == CodeNow(secret) ? "111111" : "000000");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("data-testid=\"two-factor-error\"", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);

        var right = await PostCode(client, step, CodeNow(secret));

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/reports/mine", right.Headers.Location!.AbsolutePath);
        Assert.Contains(SetCookies(right), c => c.StartsWith("triage.session=", StringComparison.Ordinal));
        var me = JsonDocument.Parse(await (await client.GetAsync("/api/v1/me/two-factor")).Content.ReadAsStringAsync()).RootElement;
        Assert.True(me.GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task The_pending_step_expires_after_five_minutes_and_a_right_code_then_signs_nobody_in()
    {
        var secret = await desk.Enrol("reviewer2@demo.local");
        var client = desk.NewClient();
        var step = (await client.PostSignInForm("reviewer2@demo.local", TestDesk.DemoPassword)).Headers.Location!.PathAndQuery;

        desk.Clock.Advance(PendingTwoFactorCookie.Lifetime + TimeSpan.FromSeconds(1));

        var page = await client.GetAsync(step);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location!.AbsolutePath);
        Assert.Contains("expired=true", page.Headers.Location.Query);
        var late = await PostCode(client, step, CodeNow(secret), tokenFrom: "/account/login");
        Assert.False(late.IsSuccessStatusCode);
        Assert.DoesNotContain(SetCookies(late), c => c.StartsWith("triage.session=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_required_role_without_two_factor_is_sent_to_enrolment_and_the_api_answers_403()
    {
        var client = await desk.SignedInClient("coordinator@demo.local");

        var home = await client.GetAsync("/reports/mine");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal(TwoFactorEnrolmentGate.EnrolPath, home.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Contains("returnUrl=%2Freports%2Fmine", home.Headers.Location.OriginalString);

        var api = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains(TwoFactorEnrolmentGate.ProblemCode, await api.Content.ReadAsStringAsync());

        var status = JsonDocument.Parse(await (await client.GetAsync("/api/v1/me/two-factor")).Content.ReadAsStringAsync()).RootElement;
        Assert.True(status.GetProperty("required").GetBoolean());
        Assert.True(status.GetProperty("mustEnrol").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TwoFactorEnrolmentGate.EnrolPath)).StatusCode);

        var member = await desk.SignedInClient(await desk.CopyOfMember("another-member@demo.local"));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/reports/mine")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task An_admin_resets_a_users_two_factor_over_the_api()
    {
        var adminSecret = await desk.Enrol("admin@demo.local");
        await desk.Enrol("member@demo.local");
        var admin = desk.NewClient();
        var step = (await admin.PostSignInForm("admin@demo.local", TestDesk.DemoPassword)).Headers.Location!.PathAndQuery;
        Assert.Equal(HttpStatusCode.Redirect, (await PostCode(admin, step, CodeNow(adminSecret))).StatusCode);
        var af = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/antiforgery")).RootElement;
        long memberId;
        await using (var connection = await desk.Services.GetRequiredService<Db>().OpenAsync())
            memberId = await connection.ExecuteScalarAsync<long>("SELECT id FROM users WHERE email = 'member@demo.local'");

        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/users/{memberId}/two-factor");
        request.Headers.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(request)).StatusCode);

        var member = desk.NewClient();
        var signIn = await member.PostSignInForm("member@demo.local", TestDesk.DemoPassword);
        Assert.Contains(SetCookies(signIn), c => c.StartsWith("triage.session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recovery_code_at_the_code_step_signs_in_once_and_says_how_many_are_left()
    {
        var email = await desk.CopyOfMember("recovering-member@demo.local");
        await desk.Enrol(email);
        var codes = await desk.IssueRecoveryCodes(email);
        var client = desk.NewClient();
        var step = (await client.PostSignInForm(email, TestDesk.DemoPassword, "/reports/mine")).Headers.Location!.PathAndQuery;

        var used = await PostCode(client, step, codes[0]);

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Contains(SetCookies(used), c => c.StartsWith("triage.session=", StringComparison.Ordinal));
        var html = await used.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"recovery-codes-left\"", html);
        Assert.Contains("9", Regex.Match(html, "data-testid=\"recovery-codes-left\">([^<]*)<").Groups[1].Value);
        Assert.Contains("href=\"/reports/mine\"", html);

        var again = desk.NewClient();
        var secondStep = (await again.PostSignInForm(email, TestDesk.DemoPassword)).Headers.Location!.PathAndQuery;
        var reused = await PostCode(again, secondStep, codes[0]);
        Assert.Contains("data-testid=\"two-factor-error\"", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bearer_tokens_of_a_required_role_without_two_factor_still_work()
    {
        var token = await desk.IssueToken("coordinator@demo.local");
        var client = desk.NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
