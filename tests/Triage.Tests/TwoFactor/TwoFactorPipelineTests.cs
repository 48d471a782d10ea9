using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Client.TwoFactor;
using Triage.Client.Users;
using Triage.Client.Webhooks;
using Triage.Tests.Support;

namespace Triage.Tests.TwoFactor;

/// <summary>
/// The pipeline itself holds a browser session of a role that requires two-factor sign-in to the enrolment page's
/// requests until it is set up, whatever page or circuit the request comes from (the desk's defaults: Admin, Coordinator).
/// </summary>
public sealed class TwoFactorPipelineTests : IAsyncLifetime
{
    private TestDesk _desk = null!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<ClaimsPrincipal> BrowserSession(string email)
    {
        var test = await _desk.PrincipalOf(email);
        return new ClaimsPrincipal(new ClaimsIdentity(test.Claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    [Fact]
    public async Task An_admin_browser_session_without_two_factor_may_only_set_it_up()
    {
        var session = await BrowserSession("admin@demo.local");

        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendWithPrincipal(session, new ListWebhooks()));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendWithPrincipal(session, new ListUsers()));
        Assert.Equal("admin@demo.local", (await _desk.SendWithPrincipal(session, new GetMe())).Email);
        Assert.False((await _desk.SendWithPrincipal(session, new GetTwoFactorStatus())).Enabled);
        Assert.NotEmpty((await _desk.SendWithPrincipal(session, new BeginTwoFactorEnrolment())).Key);
    }

    [Fact]
    public async Task Once_set_up_the_same_session_works_as_before()
    {
        var session = await BrowserSession("coordinator@demo.local");
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendWithPrincipal(session, new ListUsers()));

        await _desk.Enrol("coordinator@demo.local");

        Assert.NotEmpty((await _desk.SendWithPrincipal(session, new ListUsers())).Items);
    }

    [Fact]
    public async Task Roles_that_do_not_require_it_and_sessions_that_are_not_a_browsers_are_not_held_back()
    {
        Assert.NotEmpty(await _desk.SendWithPrincipal(await BrowserSession("reviewer@demo.local"), new Client.Queue.ListQueues()));
        // The same admin through a principal that is not a cookie session (an API token is issued by someone signed in).
        Assert.NotNull(await _desk.SendAs("admin@demo.local", new ListWebhooks()));
    }
}
