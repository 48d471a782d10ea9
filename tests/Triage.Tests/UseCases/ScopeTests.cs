using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Client.Users;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

public sealed class ScopeTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task A_reviewer_of_district_2_gets_not_found_for_district_1()
    {
        var district1 = await _desk.UnitId("D1");

        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("reviewer2@demo.local", new GetUnit(district1)));
    }

    [Fact]
    public async Task A_reviewer_reads_their_own_unit_and_the_units_below_it()
    {
        var commune = await _desk.UnitId("D1-C2");

        var unit = await _desk.SendAs("reviewer@demo.local", new GetUnit(commune));
        var tree = await _desk.SendAs("reviewer@demo.local", new ListUnits());

        Assert.Equal("D1-C2", unit.Code);
        Assert.Equal(["D1", "D1-C1", "D1-C2", "D1-C3"], tree.Select(u => u.Code).Order());
    }

    [Fact]
    public async Task A_member_may_never_add_units_and_gets_forbidden_even_inside_their_unit()
    {
        var own = await _desk.UnitId("D1-C1");

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            _desk.SendAs("member@demo.local", new AddUnit { ParentId = own, Code = "Z", Name = "Z" }));
    }

    [Fact]
    public async Task An_admin_of_a_district_cannot_reach_a_sibling_district()
    {
        var added = await _desk.SendAs("admin@demo.local", new AddUser
        {
            Email = "district-admin@demo.local", Name = "Quản trị huyện", Roles = [Role.Admin], UnitId = await _desk.UnitId("D2"),
        });
        Assert.NotNull(added.GeneratedPassword);
        var sibling = await _desk.UnitId("D1");
        var siblingReviewer = await _desk.UserId("reviewer@demo.local");

        await Assert.ThrowsAsync<NotFoundException>(() =>
            _desk.SendAs("district-admin@demo.local", new AddUnit { ParentId = sibling, Code = "Z", Name = "Z" }));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            _desk.SendAs("district-admin@demo.local", new ResetPassword(siblingReviewer)));
        var users = await _desk.SendAs("district-admin@demo.local", new ListUsers());
        Assert.DoesNotContain(users.Items, u => u.Email == "reviewer@demo.local");
        Assert.Contains(users.Items, u => u.Email == "reviewer2@demo.local");
    }

    [Fact]
    public async Task Nobody_signed_in_gets_not_signed_in()
    {
        await Assert.ThrowsAsync<NotSignedInException>(() => _desk.SendAs(null, new ListUnits()));
    }

    [Fact]
    public async Task A_role_change_takes_effect_on_the_next_request()
    {
        var reviewer = await _desk.UserId("reviewer@demo.local");
        var principal = await _desk.PrincipalOf("reviewer@demo.local");
        await _desk.SendAs("admin@demo.local", new UpdateUser
        {
            UserId = reviewer, Name = "Lê Thị Hồng Nhung", Roles = [Role.Reviewer, Role.Admin], UnitId = await _desk.UnitId("D1"),
        });

        // The old session carried the old stamp: it has ended.
        var loader = (Triage.Server.Pipeline.ActorLoader)_desk.Services.GetService(typeof(Triage.Server.Pipeline.ActorLoader))!;
        Assert.Null(await loader.LoadAsync(principal));
        var unit = await _desk.SendAs("reviewer@demo.local", new AddUnit { ParentId = await _desk.UnitId("D1"), Code = "D1-C4", Name = "Xã mới" });
        Assert.Equal("D1-C4", unit.Code);
    }
}
