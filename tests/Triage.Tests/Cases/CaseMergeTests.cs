using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Server.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class CaseMergeTests
{
    [Fact]
    public async Task Merging_moves_every_report_once_and_the_counts_add_up()
    {
        await using var desk = await TestDesk.CreateAsync();
        await desk.AddUser("member2@demo.local", Role.Member, "D2-C1");
        var source = await desk.NewCase();
        await desk.NewCase(email: "member2@demo.local");
        var target = await desk.NewCase(CaseDesk.OtherClaim);
        var reports = await desk.Scalar<long>("SELECT count(*) FROM reports");
        var sourceCount = await desk.Scalar<long>("SELECT report_count FROM cases WHERE id = @source", new { source });
        var targetVersion = await desk.Version(target);

        var merged = await desk.Act("admin@demo.local", CaseDesk.Command(CaseAction.Merge, source, await desk.Version(source), target));

        Assert.Equal(CaseStatus.Merged, merged.Status);
        Assert.Equal(reports, await desk.Scalar<long>("SELECT count(DISTINCT id) FROM reports"));
        Assert.Equal(0, await desk.Scalar<long>("SELECT count(*) FROM reports WHERE case_id = @source", new { source }));
        Assert.Equal(sourceCount + 1, await desk.Scalar<long>("SELECT report_count FROM cases WHERE id = @target", new { target }));
        Assert.Equal(await desk.Scalar<long>("SELECT count(*) FROM reports WHERE case_id = @target", new { target }),
            await desk.Scalar<long>("SELECT report_count FROM cases WHERE id = @target", new { target }));
        Assert.Equal($"{target}|0", await desk.Scalar<string>("SELECT merged_into_case_id || '|' || report_count FROM cases WHERE id = @source", new { source }));
        Assert.Equal(targetVersion + 1, await desk.Version(target));
        Assert.Equal(0, await desk.Scalar<long>("SELECT count(*) FROM case_reporter_units WHERE case_id = @source", new { source }));
        Assert.Equal(0, await desk.Scalar<long>("SELECT count(*) FROM case_text_bands WHERE case_id = @source", new { source }));
        // Reporters in D1-C1 and D2-C1 meet only at the root.
        Assert.Equal(await desk.Scalar<long>("SELECT id FROM org_units WHERE parent_id IS NULL"),
            await desk.Scalar<long>("SELECT owner_unit_id FROM cases WHERE id = @target", new { target }));
        Assert.Equal(1, await desk.Scalar<long>("SELECT q.is_inbox FROM cases c JOIN queues q ON q.id = c.queue_id AND q.unit_id = c.owner_unit_id WHERE c.id = @target", new { target }));
    }

    [Theory]
    [InlineData(CaseStatus.Merged)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Dismissed)]
    public async Task A_finished_case_takes_no_merge(CaseStatus status)
    {
        await using var desk = await TestDesk.CreateAsync();
        var source = await desk.NewCase();
        var target = await desk.NewCase(CaseDesk.OtherClaim);
        await desk.ForceStatus(target, status);
        var before = await desk.Snapshot(source);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Merge, source, 1, target)));

        Assert.Contains("intoCaseId", refused.Errors.Keys);
        Assert.Equal(before, await desk.Snapshot(source));
    }

    [Fact]
    public async Task A_case_is_not_merged_into_itself_nor_into_one_the_caller_cannot_act_on()
    {
        await using var desk = await TestDesk.CreateAsync();
        await desk.AddUser("member2@demo.local", Role.Member, "D2-C1");
        var source = await desk.NewCase();
        var elsewhere = await desk.NewCase(CaseDesk.OtherClaim, "member2@demo.local");

        foreach (var into in new[] { source, elsewhere, 999_998 })
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Merge, source, 1, into)));
            Assert.Contains("intoCaseId", refused.Errors.Keys);
        }
        Assert.Equal(1, await desk.Version(source));
    }
}
