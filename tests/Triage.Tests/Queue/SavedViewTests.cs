using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Queue;

public sealed class SavedViewTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private static CaseFilter Unassigned() => new()
    {
        Statuses = [CaseStatus.New, CaseStatus.Triaged], Q = "vắc xin", Assigned = false, Severity = 3, Platform = "zalo", Sort = CaseSort.Age,
    };

    [Fact]
    public async Task A_saved_view_comes_back_with_every_filter_to_its_owner_only()
    {
        var saved = await _desk.SendAs("reviewer@demo.local", new SaveView { Name = "  Chưa giao  ", Filter = Unassigned() });

        var mine = await _desk.SendAs("reviewer@demo.local", new ListSavedViews());
        var theirs = await _desk.SendAs("reviewer2@demo.local", new ListSavedViews());

        var view = Assert.Single(mine);
        Assert.Equal((saved.Id, "Chưa giao"), (view.Id, view.Name));
        Assert.Equal([CaseStatus.New, CaseStatus.Triaged], view.Filter.Statuses);
        Assert.Equal(("vắc xin", false, 3, "zalo", CaseSort.Age), (view.Filter.Q, view.Filter.Assigned, view.Filter.Severity, view.Filter.Platform, view.Filter.Sort));
        Assert.Empty(theirs);
    }

    [Fact]
    public async Task Saving_under_an_existing_name_replaces_that_view()
    {
        var first = await _desk.SendAs("reviewer@demo.local", new SaveView { Name = "Của tôi", Filter = Unassigned() });
        await _desk.SendAs("reviewer2@demo.local", new SaveView { Name = "Của tôi", Filter = new CaseFilter() });

        var second = await _desk.SendAs("reviewer@demo.local", new SaveView { Name = "Của tôi", Filter = new CaseFilter { Sort = CaseSort.Reports } });

        Assert.Equal(first.Id, second.Id);
        var view = Assert.Single(await _desk.SendAs("reviewer@demo.local", new ListSavedViews()));
        Assert.Equal((CaseSort.Reports, null), (view.Filter.Sort, view.Filter.Q));
        Assert.Single(await _desk.SendAs("reviewer2@demo.local", new ListSavedViews()));
    }

    [Fact]
    public async Task A_view_is_deleted_by_its_owner_and_does_not_exist_for_anyone_else()
    {
        var view = await _desk.SendAs("reviewer@demo.local", new SaveView { Name = "Tạm", Filter = new CaseFilter() });

        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("reviewer2@demo.local", new DeleteView(view.Id)));
        Assert.Single(await _desk.SendAs("reviewer@demo.local", new ListSavedViews()));

        Assert.True(await _desk.SendAs("reviewer@demo.local", new DeleteView(view.Id)));
        Assert.Empty(await _desk.SendAs("reviewer@demo.local", new ListSavedViews()));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("reviewer@demo.local", new DeleteView(view.Id)));
    }

    [Fact]
    public async Task A_filter_the_queue_would_refuse_is_not_saved()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("reviewer@demo.local",
            new SaveView { Name = "Sai", Filter = new CaseFilter { Severity = 9, Q = new string('x', 201) } }));

        Assert.Equal(["filter.q", "filter.severity"], refused.Errors.Keys.Order());
        Assert.Empty(await _desk.SendAs("reviewer@demo.local", new ListSavedViews()));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("reviewer@demo.local", new SaveView { Name = " ", Filter = new CaseFilter() }));
    }

    [Fact]
    public async Task A_member_has_no_saved_views()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("member@demo.local", new SaveView { Name = "x", Filter = new CaseFilter() }));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("member@demo.local", new ListSavedViews()));
    }

    [Fact]
    public async Task A_saved_view_opens_as_the_queue_it_describes()
    {
        var wanted = await _desk.NewCase("Tin đồn: tiêm vắc xin cúm làm phụ nữ mang thai bị sảy thai, chia sẻ khắp các nhóm Zalo");
        await _desk.NewCase(QueueDesk.Claim(3));
        await _desk.SendAs("reviewer@demo.local", new SaveView { Name = "Vắc xin", Filter = new CaseFilter { Q = "vac xin", Assigned = false } });

        var view = Assert.Single(await _desk.SendAs("reviewer@demo.local", new ListSavedViews()));
        var page = await _desk.SendAs("reviewer@demo.local", new ListCases { Q = view.Filter.Q, Assigned = view.Filter.Assigned, Sort = view.Filter.Sort });

        Assert.Equal([wanted], page.Items.Select(i => i.Id));
    }
}
