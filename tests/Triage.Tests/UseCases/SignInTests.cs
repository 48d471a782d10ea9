using Triage.Client.Account;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

public sealed class SignInTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<SignInResult> SignIn(string email, string password) =>
        _desk.SendAs(null, new SignIn { Email = email, Password = password });

    [Fact]
    public async Task A_demo_account_signs_in_with_the_configured_password()
    {
        var result = await SignIn("reviewer@demo.local", TestDesk.DemoPassword);

        Assert.Equal(SignInOutcome.SignedIn, result.Outcome);
        Assert.Equal("reviewer@demo.local", result.User!.Email);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_answer()
    {
        var wrong = await SignIn("reviewer@demo.local", "not-the-password");
        var unknown = await SignIn("nobody@demo.local", "not-the-password");

        Assert.Equal(SignInOutcome.InvalidCredentials, wrong.Outcome);
        Assert.Equal(wrong, unknown);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_even_for_the_right_password()
    {
        for (var i = 0; i < 4; i++)
            Assert.Equal(SignInOutcome.InvalidCredentials, (await SignIn("member@demo.local", "wrong")).Outcome);
        Assert.Equal(SignInOutcome.LockedOut, (await SignIn("member@demo.local", "wrong")).Outcome);

        Assert.Equal(SignInOutcome.LockedOut, (await SignIn("member@demo.local", TestDesk.DemoPassword)).Outcome);
        _desk.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(SignInOutcome.LockedOut, (await SignIn("member@demo.local", TestDesk.DemoPassword)).Outcome);
        _desk.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(SignInOutcome.SignedIn, (await SignIn("member@demo.local", TestDesk.DemoPassword)).Outcome);
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        for (var i = 0; i < 4; i++) await SignIn("member@demo.local", "wrong");
        await SignIn("member@demo.local", TestDesk.DemoPassword);

        for (var i = 0; i < 4; i++)
            Assert.Equal(SignInOutcome.InvalidCredentials, (await SignIn("member@demo.local", "wrong")).Outcome);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_gets_the_generic_answer()
    {
        var id = await _desk.UserId("member@demo.local");
        await _desk.SendAs("admin@demo.local", new Client.Users.SetUserDisabled(id, true));

        Assert.Equal(SignInOutcome.InvalidCredentials, (await SignIn("member@demo.local", TestDesk.DemoPassword)).Outcome);
    }

    [Fact]
    public async Task Sign_in_attempts_are_audited_without_the_password()
    {
        await SignIn("member@demo.local", "a-secret-typo");

        var data = await _desk.Scalar<string>("SELECT data FROM audit_events WHERE action = 'SignIn' ORDER BY id DESC LIMIT 1");
        Assert.Contains("member@demo.local", data);
        Assert.Contains("invalid", data);
        Assert.DoesNotContain("a-secret-typo", data);
    }
}
