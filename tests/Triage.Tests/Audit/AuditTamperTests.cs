using Triage.Client.Audit;
using Triage.Tests.Support;
using VerbRunner = Triage.Server.Verbs.Verbs;

namespace Triage.Tests.Audit;

/// <summary>The desk's chain check and the <c>audit verify</c> verb are one check: both must name the same event.</summary>
public sealed class AuditTamperTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        await _desk.WriteHistory();
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<(int Exit, string Out, string Err)> Verb()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await VerbRunner.RunAsync(["audit", "verify", .. TestDatabase.VerbArguments(_desk.Directory)], new StringReader(""), output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task An_intact_chain_is_reported_with_every_event_checked_by_the_desk_and_the_verb()
    {
        var count = await _desk.Scalar<long>("SELECT count(*) FROM audit_events");

        var report = await _desk.SendAs("admin@demo.local", new VerifyAuditChain());
        var (exit, output, _) = await Verb();

        Assert.Equal(new AuditChainReport(true, count), report);
        Assert.Equal(0, exit);
        Assert.Contains($"intact: {count} events", output);
    }

    [Fact]
    public async Task An_event_whose_details_were_edited_by_hand_is_named_by_the_desk_and_by_the_verb()
    {
        var edited = await _desk.Scalar<long>("SELECT min(id) FROM audit_events WHERE action = 'ClassifyCase'");
        var (at, total) = (await _desk.Scalar<string>("SELECT occurred_at FROM audit_events WHERE id = @edited", new { edited }),
            await _desk.Scalar<long>("SELECT count(*) FROM audit_events"));
        await _desk.EditDetailsByHand(edited);

        var report = await _desk.SendAs("admin@demo.local", new VerifyAuditChain());
        var (exit, _, errors) = await Verb();

        Assert.False(report.Intact);
        Assert.Equal(edited, report.FirstBrokenEventId);
        Assert.Equal((AuditBreak.Changed, "ClassifyCase", edited - 1), (report.Break, report.FirstBrokenAction, report.CheckedEvents));
        Assert.Equal(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), report.FirstBrokenAt);
        Assert.True(edited < total, "the edit is in the middle of the chain, with sound events after it");
        Assert.Equal(1, exit);
        Assert.Contains($"at event {edited}: ", errors);
        // The log still shows the event as it now reads, so the admin can see what was changed.
        var shown = (await _desk.ReadAll(new ListAuditEvents { Action = "ClassifyCase" })).Single(e => e.Id == edited);
        Assert.Equal("true", shown.Details["verdict"]);
    }

    [Fact]
    public async Task Verifying_writes_nothing_to_the_log()
    {
        var before = await _desk.Scalar<long>("SELECT count(*) FROM audit_events");

        await _desk.SendAs("admin@demo.local", new VerifyAuditChain());
        await _desk.SendAs("admin@demo.local", new ListAuditEvents());

        Assert.Equal(before, await _desk.Scalar<long>("SELECT count(*) FROM audit_events"));
    }
}
