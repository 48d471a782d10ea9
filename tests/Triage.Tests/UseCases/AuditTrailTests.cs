using Triage.Client.Audit;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

public sealed class AuditTrailTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<long> AddCommune(string code) =>
        (await _desk.SendAs("admin@demo.local", new AddUnit { ParentId = await _desk.UnitId("D1"), Code = code, Name = $"Xã {code}" })).Id;

    [Fact]
    public async Task Every_state_change_appends_one_event_naming_actor_action_and_subject()
    {
        var before = await _desk.Scalar<long>("SELECT count(*) FROM audit_events");

        var id = await AddCommune("D1-C9");

        Assert.Equal(before + 1, await _desk.Scalar<long>("SELECT count(*) FROM audit_events"));
        Assert.Equal("admin@demo.local|AddUnit|unit|" + id, await _desk.Scalar<string>(
            "SELECT actor || '|' || action || '|' || entity_type || '|' || entity_id FROM audit_events ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task A_refused_change_leaves_neither_the_change_nor_an_event()
    {
        var before = await _desk.Scalar<long>("SELECT count(*) FROM audit_events");

        await Assert.ThrowsAsync<ValidationFailedException>(() => AddCommune("D1"));

        Assert.Equal(before, await _desk.Scalar<long>("SELECT count(*) FROM audit_events"));
    }

    [Fact]
    public async Task The_chain_verifies_after_a_run_of_changes()
    {
        for (var i = 0; i < 5; i++) await AddCommune($"X{i}");

        var report = await _desk.SendAs("admin@demo.local", new VerifyAuditChain());

        Assert.True(report.Intact, report.Reason);
        Assert.True(report.CheckedEvents >= 7);
    }

    [Fact]
    public async Task The_audit_table_refuses_updates_and_deletes()
    {
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => _desk.Execute("UPDATE audit_events SET actor = 'x'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => _desk.Execute("DELETE FROM audit_events"));
    }

    [Fact]
    public async Task A_row_edited_by_hand_is_detected_and_named()
    {
        await AddCommune("X1");
        var target = await AddCommune("X2");
        await AddCommune("X3");
        var edited = await _desk.Scalar<long>("SELECT id FROM audit_events WHERE entity_id = @id", new { id = target.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        // Someone with file access drops the guard and rewrites history.
        await _desk.Execute(TestDatabase.DropTrigger("audit_events_no_update", "audit_events") + "UPDATE audit_events SET actor = 'someone-else' WHERE id = @edited", new { edited });

        var report = await _desk.SendAs("admin@demo.local", new VerifyAuditChain());

        Assert.False(report.Intact);
        Assert.Equal(edited, report.FirstBrokenEventId);
    }

    [Fact]
    public async Task A_deleted_row_is_detected()
    {
        await AddCommune("X1");
        await AddCommune("X2");
        var last = await _desk.Scalar<long>("SELECT max(id) FROM audit_events");
        await _desk.Execute(TestDatabase.DropTrigger("audit_events_no_delete", "audit_events") + "DELETE FROM audit_events WHERE id = @id", new { id = last - 1 });

        var report = await _desk.SendAs("admin@demo.local", new VerifyAuditChain());

        Assert.False(report.Intact);
        Assert.Equal(last - 1, report.FirstBrokenEventId);
    }
}
