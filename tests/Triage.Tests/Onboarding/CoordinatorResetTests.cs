using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Client.Users;
using Triage.Tests.Support;

namespace Triage.Tests.Onboarding;

public sealed class CoordinatorResetTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task AddDistrictCoordinator(string email, string unit) => await _desk.SendAs("admin@demo.local", new AddUser
    {
        Email = email, Name = "Điều phối huyện", Roles = [Role.Coordinator], UnitId = await _desk.UnitId(unit), Password = "a-long-password",
    });

    [Fact]
    public async Task A_coordinator_resets_a_member_of_their_subtree_and_ends_their_sessions()
    {
        var member = await _desk.UserId("member@demo.local");
        var stampBefore = await _desk.Scalar<string>("SELECT security_stamp FROM users WHERE id = @member", new { member });

        var reset = await _desk.SendAs("coordinator@demo.local", new ResetPassword(member));

        Assert.NotEqual(stampBefore, await _desk.Scalar<string>("SELECT security_stamp FROM users WHERE id = @member", new { member }));
        Assert.Equal(SignInOutcome.SignedIn, (await _desk.SendAs(null, new SignIn { Email = "member@demo.local", Password = reset.Password })).Outcome);
        Assert.Equal(SignInOutcome.InvalidCredentials, (await _desk.SendAs(null, new SignIn { Email = "member@demo.local", Password = TestDesk.DemoPassword })).Outcome);
    }

    [Fact]
    public async Task A_coordinator_gets_not_found_for_a_user_of_another_district()
    {
        await AddDistrictCoordinator("coord-d1@demo.local", "D1");

        var otherDistrict = await _desk.UserId("reviewer2@demo.local");

        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coord-d1@demo.local", new ResetPassword(otherDistrict)));
    }

    [Fact]
    public async Task A_coordinator_may_not_reset_an_admin_or_another_coordinator()
    {
        await AddDistrictCoordinator("coord-d1@demo.local", "D1");
        var admin = await _desk.UserId("admin@demo.local");
        var districtCoordinator = await _desk.UserId("coord-d1@demo.local");
        var hash = await _desk.Scalar<string>("SELECT password_hash FROM users WHERE id = @districtCoordinator", new { districtCoordinator });

        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new ResetPassword(districtCoordinator)));
        // The demo admin sits in the coordinator's own unit: visible to them, but above their rank.
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new ResetPassword(admin)));
        Assert.Equal(hash, await _desk.Scalar<string>("SELECT password_hash FROM users WHERE id = @districtCoordinator", new { districtCoordinator }));
    }

    [Fact]
    public async Task An_admin_still_resets_a_coordinator()
    {
        var coordinator = await _desk.UserId("coordinator@demo.local");

        var reset = await _desk.SendAs("admin@demo.local", new ResetPassword(coordinator));

        Assert.Equal(SignInOutcome.SignedIn, (await _desk.SendAs(null, new SignIn { Email = "coordinator@demo.local", Password = reset.Password })).Outcome);
    }

    [Fact]
    public async Task A_coordinator_lists_the_users_of_their_subtree_and_a_reviewer_may_not()
    {
        await AddDistrictCoordinator("coord-d1@demo.local", "D1");

        var users = await _desk.SendAs("coord-d1@demo.local", new ListUsers());

        Assert.Contains(users.Items, u => u.Email == "member@demo.local");
        Assert.DoesNotContain(users.Items, u => u.Email == "reviewer2@demo.local");
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer@demo.local", new ListUsers()));
    }
}
