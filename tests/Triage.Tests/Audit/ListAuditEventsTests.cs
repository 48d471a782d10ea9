using System.Globalization;
using Triage.Client.Audit;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Server.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Audit;

public sealed class ListAuditEventsTests : IAsyncLifetime
{
    private TestDesk _desk = default!;
    private AuditDesk.History _history = default!;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        _history = await _desk.WriteHistory();
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private static readonly ListAuditEvents All = new() { Limit = ListAuditEvents.MaxLimit };

    private async Task<List<long>> Ids(ListAuditEvents filter) => (await _desk.ReadAll(filter)).Select(e => e.Id).ToList();

    [Fact]
    public async Task Without_filters_the_whole_log_comes_newest_first()
    {
        var ids = await Ids(All);

        Assert.Equal(await _desk.IdsWhere("1 = 1"), ids);
        Assert.True(ids.Count > 5);
    }

    [Fact]
    public async Task An_actor_named_by_email_or_by_id_narrows_to_their_events_and_system_to_the_desks_own()
    {
        var reviewer = await _desk.UserId("reviewer@demo.local");

        var byEmail = await Ids(All with { Actor = "Reviewer@Demo.Local" });
        var byId = await Ids(All with { Actor = reviewer.ToString(CultureInfo.InvariantCulture) });
        var system = await Ids(All with { Actor = "system" });

        Assert.Equal(2, byEmail.Count);
        Assert.Equal(await _desk.IdsWhere("actor_user_id = @reviewer", new { reviewer }), byEmail);
        Assert.Equal(byEmail, byId);
        Assert.NotEmpty(system);
        Assert.Equal(await _desk.IdsWhere("actor_user_id IS NULL AND actor = 'system'"), system);
    }

    [Fact]
    public async Task A_case_narrows_to_the_events_about_that_case()
    {
        var events = await _desk.ReadAll(All with { CaseId = _history.FirstCase });

        Assert.Equal(await _desk.IdsWhere("entity_type = 'case' AND entity_id = @id", new { id = _history.FirstCase.ToString(CultureInfo.InvariantCulture) }),
            events.Select(e => e.Id));
        Assert.Contains(events, e => e.Action == "ClassifyCase");
        Assert.All(events, e => Assert.Equal(("case", _history.FirstCase.ToString(CultureInfo.InvariantCulture)), (e.SubjectType, e.SubjectId)));
    }

    [Fact]
    public async Task An_action_narrows_to_events_of_that_action()
    {
        var events = await _desk.ReadAll(All with { Action = "ClassifyCase" });

        Assert.Equal(2, events.Count);
        Assert.Equal(await _desk.IdsWhere("action = 'ClassifyCase'"), events.Select(e => e.Id));
    }

    [Fact]
    public async Task A_period_keeps_events_from_its_start_up_to_but_not_at_its_end()
    {
        var middle = _history.FirstDay.AddDays(1);

        var firstDay = await _desk.ReadAll(All with { From = _history.FirstDay, To = middle });
        var fromMiddle = await _desk.ReadAll(All with { From = middle });
        var atMiddle = await _desk.ReadAll(All with { From = middle, To = middle.AddTicks(1) });

        Assert.Contains(firstDay, e => e.Action == "ClassifyCase" && e.At == _history.FirstDay);
        Assert.All(firstDay, e => Assert.InRange(e.At, _history.FirstDay, middle.AddTicks(-1)));
        Assert.Equal("AddUnit", Assert.Single(atMiddle).Action);
        Assert.Equal(["ClassifyCase", "SubmitReport", "AddUnit"], fromMiddle.Select(e => e.Action));
        Assert.Empty(firstDay.Select(e => e.Id).Intersect(fromMiddle.Select(e => e.Id)));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var events = await _desk.ReadAll(All with { Actor = "reviewer@demo.local", Action = "ClassifyCase", From = _history.SecondDay, CaseId = _history.SecondCase });

        var only = Assert.Single(events);
        Assert.Equal(("case", _history.SecondCase.ToString(CultureInfo.InvariantCulture)), (only.SubjectType, only.SubjectId));
    }

    [Fact]
    public async Task Pages_newest_first_have_no_gaps_or_duplicates_even_while_the_log_grows()
    {
        for (var i = 0; i < 12; i++)
            await _desk.SendAs("admin@demo.local", new AddUnit { ParentId = await _desk.UnitId("D1"), Code = $"D1-X{i}", Name = $"Xã {i}" });
        var expected = await _desk.IdsWhere("1 = 1");

        var first = await _desk.SendAs("admin@demo.local", new ListAuditEvents { Limit = 5 });
        // Written after the first page was read: it belongs before that page, so later pages neither repeat nor skip.
        await _desk.SendAs("admin@demo.local", new AddUnit { ParentId = await _desk.UnitId("D1"), Code = "D1-LATE", Name = "Xã muộn" });
        var rest = await _desk.ReadAll(new ListAuditEvents { Limit = 5, Cursor = first.NextCursor });

        var paged = first.Items.Concat(rest).Select(e => e.Id).ToList();
        Assert.Equal(expected, paged);
        Assert.Equal(paged.Count, paged.Distinct().Count());

        var unitsOnly = await Ids(new ListAuditEvents { Action = "AddUnit", Limit = 4 });
        Assert.Equal(await _desk.IdsWhere("action = 'AddUnit'"), unitsOnly);
    }

    [Fact]
    public async Task An_event_shows_who_did_it_its_details_as_text_and_the_start_of_its_hash()
    {
        var classified = (await _desk.ReadAll(All with { CaseId = _history.FirstCase, Action = "ClassifyCase" })).Single();
        var seeded = (await _desk.ReadAll(All with { Action = "DemoSeeded" })).Single();

        Assert.Equal("reviewer@demo.local", classified.Actor?.Email);
        Assert.Equal("reviewer@demo.local", classified.RecordedActor);
        Assert.Equal(("misleading", "health", "3"), (classified.Details["verdict"], classified.Details["category"], classified.Details["severity"]));
        Assert.Equal(await _desk.Scalar<string>("SELECT substr(hash, 1, 12) FROM audit_events WHERE id = @Id", new { classified.Id }), classified.HashPrefix);
        Assert.Null(seeded.Actor);
        Assert.Equal("system", seeded.RecordedActor);
    }

    [Fact]
    public async Task An_unknown_actor_a_period_ending_before_it_starts_and_a_cursor_of_another_list_are_field_errors()
    {
        var foreign = new QueueCursor(CaseSort.Priority, 3L, 7).Encode();

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("admin@demo.local", new ListAuditEvents
        {
            Actor = "nobody@demo.local", From = _history.SecondDay, To = _history.FirstDay, Cursor = foreign,
        }));

        Assert.Equal(["actor", "cursor", "to"], e.Errors.Keys.Order());
        Assert.Contains("nobody@demo.local", e.Errors["actor"][0]);
        var tooMany = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("admin@demo.local", new ListAuditEvents { Limit = 201 }));
        Assert.Equal("limit", Assert.Single(tooMany.Errors.Keys), ignoreCase: true);
    }

    [Theory]
    [InlineData("coordinator@demo.local")]
    [InlineData("reviewer@demo.local")]
    [InlineData("responder@demo.local")]
    [InlineData("member@demo.local")]
    public async Task Only_an_admin_may_read_the_log_or_verify_the_chain(string email)
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs(email, new ListAuditEvents()));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs(email, new VerifyAuditChain()));
    }

    [Fact]
    public async Task Every_action_in_the_log_is_one_the_page_offers()
    {
        var stored = await _desk.IdsWhere("1 = 1");
        var actions = (await _desk.ReadAll(All)).Select(e => e.Action).Distinct();

        Assert.NotEmpty(stored);
        Assert.All(actions, a => Assert.Contains(a, AuditActions.Known));
        Assert.Contains("ClassifyCase", AuditActions.Known);
        Assert.DoesNotContain("ListAuditEvents", AuditActions.Known);
    }
}
