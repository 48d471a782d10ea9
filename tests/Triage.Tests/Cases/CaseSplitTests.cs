using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class CaseSplitTests
{
    [Fact]
    public async Task Splitting_moves_one_report_into_a_new_case_at_its_reporters_unit()
    {
        await using var desk = await TestDesk.CreateAsync();
        await desk.AddUser("member2@demo.local", Role.Member, "D2-C1");
        var source = await desk.NewCase();
        await desk.NewCase(email: "member2@demo.local");
        var reportId = await desk.Scalar<long>("SELECT r.id FROM reports r JOIN users u ON u.id = r.reporter_user_id WHERE u.email = 'member2@demo.local'");
        var version = await desk.Version(source);
        var reports = await desk.Scalar<long>("SELECT count(*) FROM reports");

        var split = await desk.SendAs("admin@demo.local", new SplitCase { CaseId = source, ExpectedVersion = version, ReportId = reportId });

        Assert.Equal(version + 1, split.SourceVersion);
        Assert.Equal(reports, await desk.Scalar<long>("SELECT count(*) FROM reports"));
        Assert.Equal(split.CaseId, await desk.Scalar<long>("SELECT case_id FROM reports WHERE id = @reportId", new { reportId }));
        Assert.Equal("new|D2-C1|1|1", await desk.Scalar<string>("""
            SELECT c.status || '|' || o.code || '|' || c.report_count || '|' || CAST(q.is_inbox AS INTEGER)
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id JOIN queues q ON q.id = c.queue_id AND q.unit_id = c.owner_unit_id
            WHERE c.id = @id
            """, new { id = split.CaseId }));
        foreach (var id in new[] { source, split.CaseId })
            Assert.Equal(await desk.Scalar<long>("SELECT count(*) FROM reports WHERE case_id = @id", new { id }),
                await desk.Scalar<long>("SELECT report_count FROM cases WHERE id = @id", new { id }));
        Assert.Equal("D2-C1", await desk.Scalar<string>(
            "SELECT string_agg(o.code, ',') FROM case_reporter_units cru JOIN org_units o ON o.id = cru.unit_id WHERE cru.case_id = @id", new { id = split.CaseId }));
        Assert.Equal(0, await desk.Scalar<long>(
            "SELECT count(*) FROM case_reporter_units cru JOIN org_units o ON o.id = cru.unit_id WHERE cru.case_id = @source AND o.code = 'D2-C1'", new { source }));
    }

    [Fact]
    public async Task The_only_report_and_a_report_of_another_case_are_not_split()
    {
        await using var desk = await TestDesk.CreateAsync();
        var lone = await desk.NewCase();
        var other = await desk.NewCase(CaseDesk.OtherClaim);
        var loneReport = await desk.Scalar<long>("SELECT id FROM reports WHERE case_id = @lone", new { lone });
        var otherReport = await desk.Scalar<long>("SELECT id FROM reports WHERE case_id = @other", new { other });

        foreach (var reportId in new[] { loneReport, otherReport })
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                desk.SendAs("reviewer@demo.local", new SplitCase { CaseId = lone, ExpectedVersion = 1, ReportId = reportId }));
            Assert.Contains("reportId", refused.Errors.Keys);
        }
        Assert.Equal(1, await desk.Version(lone));
        Assert.Equal(2, await desk.Scalar<long>("SELECT count(*) FROM cases"));
    }
}
