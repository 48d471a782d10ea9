using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Client.Users;
using Triage.Server.Account;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

public sealed class SessionTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private SessionValidator Sessions => _desk.Services.GetRequiredService<SessionValidator>();

    [Fact]
    public async Task Disabling_a_user_ends_their_session_and_their_next_request()
    {
        var session = await _desk.PrincipalOf("reviewer@demo.local");
        Assert.True(await Sessions.IsValidAsync(session));

        await _desk.SendAs("admin@demo.local", new SetUserDisabled(await _desk.UserId("reviewer@demo.local"), true));

        Assert.False(await Sessions.IsValidAsync(session));
        await Assert.ThrowsAsync<NotSignedInException>(() => _desk.SendAs("reviewer@demo.local", new GetMe()));
    }

    [Fact]
    public async Task An_admin_ends_every_session_of_one_user_and_no_one_elses_without_disabling_them()
    {
        var reviewer = await _desk.PrincipalOf("reviewer@demo.local");
        var responder = await _desk.PrincipalOf("responder@demo.local");

        await _desk.SendAs("admin@demo.local", new EndUserSessions(await _desk.UserId("reviewer@demo.local")));

        Assert.False(await Sessions.IsValidAsync(reviewer));
        Assert.True(await Sessions.IsValidAsync(responder));
        Assert.True(await Sessions.IsValidAsync(await _desk.PrincipalOf("reviewer@demo.local")));
        Assert.Equal(1L, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'EndUserSessions'"));
    }

    [Fact]
    public async Task Only_an_admin_may_end_someone_elses_sessions()
    {
        var target = await _desk.UserId("member@demo.local");

        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new EndUserSessions(target)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer@demo.local", new EndUserSessions(target)));
        Assert.True(await Sessions.IsValidAsync(await _desk.PrincipalOf("member@demo.local")));
    }

    [Fact]
    public async Task Changing_the_password_ends_every_session_of_that_user()
    {
        var session = await _desk.PrincipalOf("member@demo.local");

        await _desk.SendAs("member@demo.local", new ChangePassword
        {
            CurrentPassword = TestDesk.DemoPassword, NewPassword = "a-new-long-password", ConfirmPassword = "a-new-long-password",
        });

        Assert.False(await Sessions.IsValidAsync(session));
        var signIn = await _desk.SendAs(null, new SignIn { Email = "member@demo.local", Password = "a-new-long-password" });
        Assert.Equal(SignInOutcome.SignedIn, signIn.Outcome);
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_field_error_and_changes_nothing()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("member@demo.local", new ChangePassword
        {
            CurrentPassword = "wrong", NewPassword = "a-new-long-password", ConfirmPassword = "a-new-long-password",
        }));

        Assert.Contains("currentPassword", e.Errors.Keys);
        Assert.True(await Sessions.IsValidAsync(await _desk.PrincipalOf("member@demo.local")));
    }

    [Fact]
    public async Task A_session_ends_at_the_absolute_timeout_however_active()
    {
        var user = new SignedInUser(await _desk.UserId("member@demo.local"), "member@demo.local", "m",
            await _desk.Scalar<string>("SELECT security_stamp FROM users WHERE email = 'member@demo.local'"));
        var session = Sessions.CreatePrincipal(user, "Cookies");

        _desk.Clock.Advance(TimeSpan.FromDays(6));
        Assert.True(await Sessions.IsValidAsync(session));
        _desk.Clock.Advance(TimeSpan.FromDays(2));
        Assert.False(await Sessions.IsValidAsync(session));
    }

    [Fact]
    public async Task A_token_is_stored_only_as_a_hash_and_a_revoked_token_is_not_found()
    {
        var issued = await _desk.SendAs("responder@demo.local", new IssueApiToken { Name = "newsroom script" });

        Assert.StartsWith("trg_", issued.Token);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM api_tokens WHERE token_hash = @t OR prefix = @t", new { t = issued.Token }));
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM api_tokens WHERE token_hash = @h", new { h = ApiTokens.HashOf(issued.Token) }));

        await _desk.SendAs("responder@demo.local", new RevokeApiToken(issued.Id));

        var tokens = await _desk.SendAs("responder@demo.local", new ListMyApiTokens());
        Assert.NotNull(Assert.Single(tokens).RevokedAt);
    }

    [Fact]
    public async Task Nobody_but_an_admin_over_them_can_revoke_another_users_token()
    {
        var issued = await _desk.SendAs("responder@demo.local", new IssueApiToken { Name = "mine" });

        // Admins revoking their subtree's tokens: tests/Triage.Tests/Admin/ApiTokenAdminTests.cs.
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("reviewer@demo.local", new RevokeApiToken(issued.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coordinator@demo.local", new RevokeApiToken(issued.Id)));
    }
}
