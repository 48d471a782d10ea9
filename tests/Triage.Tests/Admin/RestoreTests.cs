using Triage.Client.Audit;
using Triage.Client.Cases;
using Triage.Client.Reports;
using Triage.Client.Settings;
using Triage.Server.Settings;
using Triage.Tests.Cases;
using Triage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using VerbRunner = Triage.Server.Verbs.Verbs;

namespace Triage.Tests.Admin;

/// <summary>The restore procedure of the README, done by a test: a backup opened as a desk of its own has everything.</summary>
public sealed class RestoreTests
{
    private const string Claim = "Tin đồn: ăn tỏi sống mỗi ngày giúp miễn dịch hoàn toàn với cúm mùa, không cần tiêm vắc-xin nữa!";

    /// <summary>Copies the backup to triage.db of a new data directory and starts a desk there, as the README says.</summary>
    private static async Task<TestDesk> RestoreAsync(string backup)
    {
        var directory = TempDirectory.Create();
        File.Copy(backup, Path.Combine(directory, "triage.db"));
        return await TestDesk.CreateAsync(seedDemo: true, directory);
    }

    private static async Task AssertRestored(string backup, long caseId, long reportId)
    {
        await using var restored = await RestoreAsync(backup);

        var detail = await restored.SendAs("reviewer@demo.local", new GetCase(caseId));
        Assert.Equal((CaseStatus.Triaged, "misleading"), (detail.Status, detail.Verdict));
        var mine = await restored.SendAs("member@demo.local", new ListMyReports());
        Assert.Equal(Claim, mine.Items.Single(r => r.ReportId == reportId).Text);
        var chain = await restored.SendAs("admin@demo.local", new VerifyAuditChain());
        Assert.True(chain.Intact, chain.Reason);
        Assert.True(chain.CheckedEvents > 3);
    }

    private static async Task<(long CaseId, long ReportId)> DeskWithDataAsync(TestDesk desk)
    {
        var submitted = await desk.SendAs("member@demo.local", new SubmitReport { Text = Claim, Url = "https://www.facebook.com/tin.nong.24h/posts/2002" });
        await desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Classification, submitted.CaseId, await desk.Version(submitted.CaseId)));
        return (submitted.CaseId, submitted.ReportId);
    }

    [SqliteFact]
    public async Task A_backup_from_the_job_opens_as_a_desk_with_its_cases_reports_and_an_intact_audit_chain()
    {
        await using var desk = await TestDesk.CreateAsync();
        var (caseId, reportId) = await DeskWithDataAsync(desk);
        await desk.SendAs("admin@demo.local", new SetBackupSchedule { IntervalHours = 24, Keep = 2 });

        var file = await desk.Services.GetRequiredService<BackupJob>().PassAsync();

        await AssertRestored(Path.Combine(desk.Directory, "backups", file!.Name), caseId, reportId);
    }

    [SqliteFact]
    public async Task A_backup_from_the_verb_opens_the_same_way()
    {
        await using var desk = await TestDesk.CreateAsync();
        var (caseId, reportId) = await DeskWithDataAsync(desk);
        var elsewhere = TempDirectory.Create();
        var target = Path.Combine(elsewhere, "copy.db");
        try
        {
            var exit = await VerbRunner.RunAsync(["db", "backup", target, $"--Triage:DataDirectory={desk.Directory}"], TextReader.Null, new StringWriter(), new StringWriter());

            Assert.Equal(0, exit);
            await AssertRestored(target, caseId, reportId);
        }
        finally
        {
            TempDirectory.Delete(elsewhere);
        }
    }
}
