using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Admin;

/// <summary>Admins see and revoke the API tokens of their own subtree, and nobody else's.</summary>
public sealed class ApiTokenAdminTests : IAsyncLifetime
{
    private const string DistrictAdmin = "admin.d1@demo.local";
    private TestDesk _desk = default!;
    private IssuedApiToken _d1 = default!;
    private IssuedApiToken _d2 = default!;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        await _desk.AddUser(DistrictAdmin, Role.Admin, "D1");
        _d1 = await _desk.SendAs("reviewer@demo.local", new IssueApiToken { Name = "script d1" });
        _d2 = await _desk.SendAs("reviewer2@demo.local", new IssueApiToken { Name = "script d2" });
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task A_province_admin_lists_every_users_tokens_without_the_token_itself()
    {
        var tokens = await _desk.SendAs("admin@demo.local", new ListApiTokens());

        Assert.Equal(new[] { "reviewer2@demo.local", "reviewer@demo.local" }, tokens.Select(t => t.UserEmail));
        var json = System.Text.Json.JsonSerializer.Serialize(tokens);
        Assert.DoesNotContain(_d1.Token, json, StringComparison.Ordinal);
        Assert.DoesNotContain(_d2.Token, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_district_admin_lists_only_the_districts_tokens_and_another_unit_is_out_of_scope()
    {
        var tokens = await _desk.SendAs(DistrictAdmin, new ListApiTokens());

        Assert.Equal(new[] { _d1.Id }, tokens.Select(t => t.Id));
        await Assert.ThrowsAsync<NotFoundException>(async () => await _desk.SendAs(DistrictAdmin, new ListApiTokens(await _desk.UnitId("D2"))));
    }

    [Fact]
    public async Task An_admin_revokes_a_token_in_the_subtree_and_it_shows_as_revoked()
    {
        await _desk.SendAs(DistrictAdmin, new RevokeApiToken(_d1.Id));

        Assert.NotNull((await _desk.SendAs("reviewer@demo.local", new ListMyApiTokens())).Single().RevokedAt);
        var active = await _desk.SendAs("admin@demo.local", new ListApiTokens(IncludeRevoked: false));
        Assert.DoesNotContain(_d1.Id, active.Select(t => t.Id));
        Assert.Contains($"\"userId\":{await _desk.UserId("reviewer@demo.local")}",
            await _desk.Scalar<string>("SELECT data FROM audit_events WHERE action = 'RevokeApiToken'"));
    }

    [Fact]
    public async Task A_token_outside_the_admins_subtree_does_not_exist_for_them()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs(DistrictAdmin, new RevokeApiToken(_d2.Id)));

        Assert.Null((await _desk.SendAs("reviewer2@demo.local", new ListMyApiTokens())).Single().RevokedAt);
    }

    [Fact]
    public async Task A_user_who_is_not_an_admin_revokes_only_their_own_tokens()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("reviewer@demo.local", new RevokeApiToken(_d2.Id)));
        await _desk.SendAs("reviewer2@demo.local", new RevokeApiToken(_d2.Id));

        Assert.NotNull((await _desk.SendAs("reviewer2@demo.local", new ListMyApiTokens())).Single().RevokedAt);
    }

    [Fact]
    public async Task Only_admins_list_other_users_tokens()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new ListApiTokens()));
    }
}
