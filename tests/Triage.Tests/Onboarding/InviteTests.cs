using System.Globalization;
using Triage.Client.Account;
using Triage.Client.Onboarding;
using Triage.Client.Pipeline;
using Triage.Client.Users;
using Triage.Tests.Support;

namespace Triage.Tests.Onboarding;

public sealed class InviteTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        _desk = await TestDesk.CreateAsync();
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<(CreatedInvite Invite, string Token)> Create(string unit = "D1-C2", int days = 14, int? maxUses = null)
    {
        var created = await _desk.SendAs("coordinator@demo.local", new CreateInvite { UnitId = await _desk.UnitId(unit), Days = days, MaxUses = maxUses });
        return (created, created.Path["/join/".Length..]);
    }

    private static JoinUnit Join(string token, string email = "new@example.org") => new()
    {
        Token = token, Name = "Phạm Thị Thu", Email = email, Password = "a-long-password", ConfirmPassword = "a-long-password", Language = "en",
    };

    [Fact]
    public async Task A_new_person_registers_through_an_invite_as_a_member_of_its_unit_and_can_sign_in()
    {
        var (_, token) = await Create();

        var info = await _desk.SendAs(null, new GetInvite(token));
        var joined = await _desk.SendAs(null, Join(token));

        Assert.Equal(LinkState.Valid, info.State);
        Assert.Equal("Hội LHPN xã Đông Hòa", info.UnitName);
        Assert.Equal(LinkState.Valid, joined.State);
        Assert.Equal(("new@example.org", "en"), (joined.User!.Email, joined.Language));
        Assert.Equal("D1-C2", await _desk.Scalar<string>("SELECT o.code FROM users u JOIN org_units o ON o.id = u.unit_id WHERE u.email = 'new@example.org'"));
        Assert.Equal("member", await _desk.Scalar<string>("SELECT string_agg(role, ',') FROM user_roles WHERE user_id = @id", new { id = joined.User.Id }));
        Assert.Equal(SignInOutcome.SignedIn, (await _desk.SendAs(null, new SignIn { Email = "new@example.org", Password = "a-long-password" })).Outcome);
        Assert.Equal(1, (await _desk.SendAs("coordinator@demo.local", new ListInvites())).Single().Uses);
    }

    [Fact]
    public async Task An_expired_invite_is_refused()
    {
        var (_, token) = await Create(days: 2);

        _desk.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(LinkState.Expired, (await _desk.SendAs(null, Join(token))).State);
        Assert.Equal(LinkState.Expired, (await _desk.SendAs(null, new GetInvite(token))).State);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE email = 'new@example.org'"));
    }

    [Fact]
    public async Task A_revoked_invite_is_refused_and_listed_as_revoked()
    {
        var (invite, token) = await Create();

        await _desk.SendAs("coordinator@demo.local", new RevokeInvite(invite.Id));

        Assert.Equal(LinkState.Revoked, (await _desk.SendAs(null, Join(token))).State);
        Assert.Equal(LinkState.Revoked, (await _desk.SendAs("coordinator@demo.local", new ListInvites())).Single().State);
    }

    [Fact]
    public async Task A_used_up_invite_is_refused()
    {
        var (_, token) = await Create(maxUses: 1);

        var first = await _desk.SendAs(null, Join(token, "first@example.org"));
        var second = await _desk.SendAs(null, Join(token, "second@example.org"));

        Assert.Equal(LinkState.Valid, first.State);
        Assert.Equal(LinkState.UsedUp, second.State);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE email = 'second@example.org'"));
    }

    [Fact]
    public async Task An_unknown_token_says_only_that_the_link_is_not_valid()
    {
        Assert.Equal(new InviteInfo(LinkState.Invalid, null), await _desk.SendAs(null, new GetInvite("made-up")));
        Assert.Equal(LinkState.Invalid, (await _desk.SendAs(null, Join("made-up"))).State);
    }

    [Fact]
    public async Task A_registered_email_is_a_field_error_and_uses_no_registration()
    {
        var (_, token) = await Create(maxUses: 1);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(null, Join(token, "MEMBER@demo.local")));

        Assert.Equal(["This email is already registered. Sign in instead."], failure.Errors["email"]);
        Assert.Equal(0, (await _desk.SendAs("coordinator@demo.local", new ListInvites())).Single().Uses);
    }

    [Fact]
    public async Task A_district_coordinator_gets_not_found_for_another_districts_unit_and_invite()
    {
        await _desk.SendAs("admin@demo.local", new AddUser { Email = "coord-d2@demo.local", Name = "Điều phối D2", Roles = [Role.Coordinator], UnitId = await _desk.UnitId("D2"), Password = "a-long-password" });
        var (invite, _) = await Create("D1-C1");

        var district1 = await _desk.UnitId("D1");

        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coord-d2@demo.local", new CreateInvite { UnitId = district1 }));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coord-d2@demo.local", new RevokeInvite(invite.Id)));
        Assert.Empty(await _desk.SendAs("coord-d2@demo.local", new ListInvites()));
    }

    [Fact]
    public async Task A_member_or_reviewer_may_not_create_invites()
    {
        var unit = await _desk.UnitId("D1-C1");

        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("member@demo.local", new CreateInvite { UnitId = unit }));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer@demo.local", new CreateInvite { UnitId = unit }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(91)]
    public async Task An_invite_lasts_between_one_and_ninety_days(int days)
    {
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs("coordinator@demo.local", new CreateInvite { UnitId = 1, Days = days }));

        Assert.True(failure.Errors.ContainsKey("days"));
    }

    [Fact]
    public async Task Only_a_hash_of_the_invite_token_is_stored()
    {
        var (_, token) = await Create();

        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM invites WHERE token_hash = @token OR token_hash LIKE '%' || @token || '%'", new { token }));
    }
}
