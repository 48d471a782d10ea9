using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Client.TwoFactor;
using Triage.Server.Data;
using Triage.Server.TwoFactor;
using Triage.Tests.Support;

namespace Triage.Tests.TwoFactor;

/// <summary>Use cases over a real SQLite file; the desk's clock is fake and codes are computed at its time.</summary>
public sealed class TwoFactorTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<TwoFactorSignInResult> Verify(string email, string code, string? stamp = null)
    {
        var id = await _desk.UserId(email);
        stamp ??= await _desk.Scalar<string>("SELECT security_stamp FROM users WHERE id = @id", new { id });
        return await _desk.SendAs(null, new VerifyTwoFactorSignIn { UserId = id, SecurityStamp = stamp, Code = code });
    }

    private string CodeNow(byte[] secret, TimeSpan offset = default) => TwoFactorCodes.At(secret, _desk.Clock.GetUtcNow() + offset);

    [Fact]
    public async Task Enrolling_with_a_current_code_turns_it_on_with_ten_recovery_codes_and_keeps_the_secret_protected()
    {
        var enrolment = await _desk.SendAs("reviewer@demo.local", new BeginTwoFactorEnrolment());
        Assert.StartsWith("otpauth://totp/", enrolment.Uri);
        Assert.Contains("digits=6", enrolment.Uri);
        Assert.StartsWith("data:image/png;base64,", enrolment.QrCode);
        Assert.False((await _desk.SendAs("reviewer@demo.local", new GetTwoFactorStatus())).Enabled);

        var secret = TwoFactorCodes.FromDisplayedKey(enrolment.Key);
        var codes = await _desk.SendAs("reviewer@demo.local", new EnableTwoFactor { Code = CodeNow(secret) });

        Assert.Equal(10, codes.Codes.Distinct().Count());
        var status = await _desk.SendAs("reviewer@demo.local", new GetTwoFactorStatus());
        Assert.True(status.Enabled);
        Assert.Equal(10, status.RecoveryCodesLeft);
        var stored = await _desk.Scalar<string>("SELECT secret FROM user_two_factor");
        Assert.DoesNotContain(enrolment.Key.Replace(" ", ""), stored);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM user_recovery_codes WHERE code_hash = @c", new { c = codes.Codes[0] }));
    }

    [Fact]
    public async Task A_wrong_code_does_not_turn_it_on()
    {
        var enrolment = await _desk.SendAs("reviewer@demo.local", new BeginTwoFactorEnrolment());
        var secret = TwoFactorCodes.FromDisplayedKey(enrolment.Key);
        var wrong = CodeNow(secret, TimeSpan.FromMinutes(5));

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs("reviewer@demo.local", new EnableTwoFactor { Code = wrong }));

        Assert.Contains("code", refused.Errors.Keys);
        Assert.False((await _desk.SendAs("reviewer@demo.local", new GetTwoFactorStatus())).Enabled);
    }

    [Fact]
    public async Task The_password_alone_no_longer_signs_in_an_enrolled_user()
    {
        await _desk.Enrol("reviewer@demo.local");

        var result = await _desk.SendAs(null, new SignIn { Email = "reviewer@demo.local", Password = TestDesk.DemoPassword });

        Assert.Equal(SignInOutcome.TwoFactorRequired, result.Outcome);
    }

    [Fact]
    public async Task A_code_signs_in_once_and_is_refused_again_in_the_same_time_step()
    {
        var (secret, _) = await _desk.Enrol("reviewer@demo.local");
        _desk.Clock.Advance(Step);
        var code = CodeNow(secret);

        Assert.Equal(TwoFactorSignInOutcome.SignedIn, (await Verify("reviewer@demo.local", code)).Outcome);
        Assert.Equal(TwoFactorSignInOutcome.InvalidCode, (await Verify("reviewer@demo.local", code)).Outcome);
    }

    [Fact]
    public async Task A_code_one_step_off_is_accepted_and_two_steps_off_is_not()
    {
        var (secret, _) = await _desk.Enrol("reviewer@demo.local");
        _desk.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(TwoFactorSignInOutcome.InvalidCode, (await Verify("reviewer@demo.local", CodeNow(secret, -2 * Step))).Outcome);
        Assert.Equal(TwoFactorSignInOutcome.InvalidCode, (await Verify("reviewer@demo.local", CodeNow(secret, 2 * Step))).Outcome);
        Assert.Equal(TwoFactorSignInOutcome.SignedIn, (await Verify("reviewer@demo.local", CodeNow(secret, -Step))).Outcome);
        _desk.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TwoFactorSignInOutcome.SignedIn, (await Verify("reviewer@demo.local", CodeNow(secret, Step))).Outcome);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_says_how_many_are_left()
    {
        var (_, codes) = await _desk.Enrol("reviewer@demo.local");

        var first = await Verify("reviewer@demo.local", codes[3].ToUpperInvariant());
        var again = await Verify("reviewer@demo.local", codes[3]);

        Assert.Equal(TwoFactorSignInOutcome.SignedIn, first.Outcome);
        Assert.Equal(9, first.RecoveryCodesLeft);
        Assert.Equal(TwoFactorSignInOutcome.InvalidCode, again.Outcome);
        Assert.Equal(9, (await _desk.SendAs("reviewer@demo.local", new GetTwoFactorStatus())).RecoveryCodesLeft);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_even_with_the_right_code_after()
    {
        var (secret, _) = await _desk.Enrol("reviewer@demo.local");
        _desk.Clock.Advance(Step);
        var wrong = CodeNow(secret, TimeSpan.FromMinutes(5));

        for (var i = 0; i < 4; i++)
            Assert.Equal(TwoFactorSignInOutcome.InvalidCode, (await Verify("reviewer@demo.local", wrong)).Outcome);
        Assert.Equal(TwoFactorSignInOutcome.LockedOut, (await Verify("reviewer@demo.local", wrong)).Outcome);

        Assert.Equal(TwoFactorSignInOutcome.LockedOut, (await Verify("reviewer@demo.local", CodeNow(secret))).Outcome);
        Assert.Equal(SignInOutcome.LockedOut,
            (await _desk.SendAs(null, new SignIn { Email = "reviewer@demo.local", Password = TestDesk.DemoPassword })).Outcome);
        _desk.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(TwoFactorSignInOutcome.SignedIn, (await Verify("reviewer@demo.local", CodeNow(secret))).Outcome);
    }

    [Fact]
    public async Task The_right_password_does_not_wipe_earlier_wrong_codes()
    {
        var (secret, _) = await _desk.Enrol("reviewer@demo.local");
        var wrong = CodeNow(secret, TimeSpan.FromMinutes(5));
        for (var i = 0; i < 4; i++) await Verify("reviewer@demo.local", wrong);

        await _desk.SendAs(null, new SignIn { Email = "reviewer@demo.local", Password = TestDesk.DemoPassword });

        Assert.Equal(TwoFactorSignInOutcome.LockedOut, (await Verify("reviewer@demo.local", wrong)).Outcome);
    }

    [Fact]
    public async Task A_pending_sign_in_from_before_a_password_change_must_start_again()
    {
        var (secret, _) = await _desk.Enrol("reviewer@demo.local");
        _desk.Clock.Advance(Step);

        var result = await Verify("reviewer@demo.local", CodeNow(secret), stamp: "an-older-stamp");

        Assert.Equal(TwoFactorSignInOutcome.StartAgain, result.Outcome);
        Assert.Null(result.User);
    }

    [Fact]
    public async Task The_audit_trail_records_the_outcome_but_never_the_code()
    {
        var (secret, _) = await _desk.Enrol("reviewer@demo.local");
        _desk.Clock.Advance(Step);
        var code = CodeNow(secret);
        await Verify("reviewer@demo.local", code);

        var data = await _desk.Scalar<string>("SELECT data FROM audit_events WHERE action = 'VerifyTwoFactorSignIn' ORDER BY id DESC LIMIT 1");

        Assert.Contains("signed_in", data);
        Assert.DoesNotContain(code, data);
        Assert.DoesNotContain("securityStamp", data);
    }

    [Fact]
    public async Task New_recovery_codes_need_a_current_code_and_replace_the_old_ones()
    {
        var (secret, old) = await _desk.Enrol("reviewer@demo.local");
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs("reviewer@demo.local", new RegenerateRecoveryCodes { Code = CodeNow(secret, TimeSpan.FromMinutes(5)) }));
        _desk.Clock.Advance(Step);

        var fresh = await _desk.SendAs("reviewer@demo.local", new RegenerateRecoveryCodes { Code = CodeNow(secret) });

        Assert.Equal(10, fresh.Codes.Count);
        Assert.Empty(fresh.Codes.Intersect(old));
        Assert.Equal(TwoFactorSignInOutcome.InvalidCode, (await Verify("reviewer@demo.local", old[0])).Outcome);
        Assert.Equal(TwoFactorSignInOutcome.SignedIn, (await Verify("reviewer@demo.local", fresh.Codes[0])).Outcome);
    }

    [Fact]
    public async Task Turning_it_off_is_refused_for_a_required_role_and_allowed_to_others_with_the_password()
    {
        var (adminSecret, _) = await _desk.Enrol("admin@demo.local");
        await _desk.Enrol("reviewer@demo.local");
        _desk.Clock.Advance(Step);

        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            _desk.SendAs("admin@demo.local", new DisableTwoFactor { Code = CodeNow(adminSecret) }));
        Assert.Equal("TwoFactor.RequiredForRole", refused.Code);
        Assert.True((await _desk.SendAs("admin@demo.local", new GetTwoFactorStatus())).Required);

        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs("reviewer@demo.local", new DisableTwoFactor { Password = "not-the-password" }));
        await _desk.SendAs("reviewer@demo.local", new DisableTwoFactor { Password = TestDesk.DemoPassword });

        var status = await _desk.SendAs("reviewer@demo.local", new GetTwoFactorStatus());
        Assert.False(status.Enabled);
        Assert.False(status.Required);
        Assert.Equal(SignInOutcome.SignedIn,
            (await _desk.SendAs(null, new SignIn { Email = "reviewer@demo.local", Password = TestDesk.DemoPassword })).Outcome);
    }

    [Fact]
    public async Task An_admin_resets_a_users_two_factor_and_the_password_alone_signs_them_in_again()
    {
        await _desk.Enrol("reviewer@demo.local");

        await _desk.SendAs("admin@demo.local", new ResetTwoFactor(await _desk.UserId("reviewer@demo.local")));

        Assert.False((await _desk.SendAs("reviewer@demo.local", new GetTwoFactorStatus())).Enabled);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM user_recovery_codes"));
        Assert.Equal(SignInOutcome.SignedIn,
            (await _desk.SendAs(null, new SignIn { Email = "reviewer@demo.local", Password = TestDesk.DemoPassword })).Outcome);
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'ResetTwoFactor' AND entity_type = 'user'"));
    }

    [Fact]
    public async Task A_coordinator_resets_only_below_their_rank_and_a_reviewer_not_at_all()
    {
        await _desk.Enrol("reviewer@demo.local");
        await _desk.Enrol("admin@demo.local");
        var admin = await _desk.UserId("admin@demo.local");
        var reviewer = await _desk.UserId("reviewer@demo.local");

        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new ResetTwoFactor(admin)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer2@demo.local", new ResetTwoFactor(reviewer)));
        await _desk.SendAs("coordinator@demo.local", new ResetTwoFactor(reviewer));

        Assert.False((await _desk.SendAs("reviewer@demo.local", new GetTwoFactorStatus())).Enabled);
        Assert.True((await _desk.SendAs("admin@demo.local", new GetTwoFactorStatus())).Enabled);
    }

    [Fact]
    public async Task Deleting_ones_account_removes_the_secret_and_the_recovery_codes()
    {
        await _desk.Enrol("reviewer@demo.local");
        await _desk.Enrol("responder@demo.local");
        var reviewer = await _desk.UserId("reviewer@demo.local");

        await _desk.SendAs("reviewer@demo.local", new Triage.Client.Retention.DeleteMyAccount { Password = TestDesk.DemoPassword });

        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM user_two_factor WHERE user_id = @reviewer", new { reviewer }));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM user_recovery_codes WHERE user_id = @reviewer", new { reviewer }));
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM user_two_factor"));
    }

    [Fact]
    public async Task Starting_again_replaces_an_unconfirmed_secret()
    {
        var first = await _desk.SendAs("reviewer@demo.local", new BeginTwoFactorEnrolment());
        var second = await _desk.SendAs("reviewer@demo.local", new BeginTwoFactorEnrolment());

        await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("reviewer@demo.local",
            new EnableTwoFactor { Code = CodeNow(TwoFactorCodes.FromDisplayedKey(first.Key)) }));
        await _desk.SendAs("reviewer@demo.local", new EnableTwoFactor { Code = CodeNow(TwoFactorCodes.FromDisplayedKey(second.Key)) });

        var again = await Assert.ThrowsAsync<ConflictException>(() => _desk.SendAs("reviewer@demo.local", new BeginTwoFactorEnrolment()));
        Assert.Equal("TwoFactor.AlreadyEnabled", again.Code);
    }
}

/// <summary>Triage:TwoFactor:RequiredRoles as the configuration files and the test hosts set it.</summary>
public sealed class TwoFactorOptionsTests
{
    private static IReadOnlyList<Role> RequiredRoles(Action<IConfigurationBuilder> configure)
    {
        var builder = new ConfigurationBuilder();
        configure(builder);
        var configuration = builder.Build();
        var services = new ServiceCollection();
        services.AddOptions<DeskOptions>().Bind(configuration.GetSection(DeskOptions.Section));
        services.AddDeskTwoFactor(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DeskOptions>>().Value.TwoFactor.EffectiveRequiredRoles;
    }

    private static string ServerFile(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Triage.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "src", "Triage.Server", name);
    }

    [Fact]
    public void Admins_and_coordinators_are_required_when_nothing_is_configured()
    {
        Assert.Equal(new[] { Role.Coordinator, Role.Admin }, RequiredRoles(_ => { }).Order());
        Assert.Equal(new[] { Role.Coordinator, Role.Admin }, RequiredRoles(b => b.AddJsonFile(ServerFile("appsettings.json"))).Order());
    }

    [Fact]
    public void The_development_settings_turn_the_requirement_off_for_the_demo_accounts()
    {
        Assert.Empty(RequiredRoles(b => b.AddJsonFile(ServerFile("appsettings.json")).AddJsonFile(ServerFile("appsettings.Development.json"))));
    }

    [Fact]
    public void A_configured_list_replaces_the_default_rather_than_adding_to_it()
    {
        Assert.Equal(new[] { Role.Reviewer }, RequiredRoles(b => b.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Triage:TwoFactor:RequiredRoles:0"] = "Reviewer",
        })));
    }
}
