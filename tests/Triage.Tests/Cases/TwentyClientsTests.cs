using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

/// <summary>
/// Twenty reviewers work the same cases at the same moment through the whole pipeline on a real database file:
/// each holds the version they read, as a page or an API client does, and a loser re-reads before trying again.
/// </summary>
public sealed class TwentyClientsTests : IAsyncLifetime
{
    private const int Clients = 20;
    private TestDesk _desk = default!;
    private string[] _reviewers = [];

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        _reviewers = Enumerable.Range(0, Clients).Select(i => $"reviewer{i:00}@twenty.example.org").ToArray();
        foreach (var reviewer in _reviewers) await _desk.AddUser(reviewer, Role.Reviewer, "P");
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task Twenty_clients_claiming_classifying_and_merging_at_once_lose_no_update_assign_once_and_merge_each_case_into_one_place()
    {
        var claimed = await _desk.NewCase("Có người tung tin trường tiểu học xã sẽ đóng cửa vĩnh viễn từ tuần sau vì thiếu giáo viên");
        await _desk.SendAs("reviewer@demo.local", new ClassifyCase { CaseId = claimed, ExpectedVersion = await _desk.Version(claimed), Verdict = "false", Category = "health", Severity = 2 });
        var contested = await _desk.NewCase("Tin nhắn lan truyền nói ngân hàng nhà nước sẽ đổi tiền mới và hủy toàn bộ tiền mặt cũ vào cuối tháng");
        var left = await _desk.NewCase(CaseDesk.OtherClaim);
        var right = await _desk.NewCase("Bài đăng khẳng định điện thoại 5G phát sóng gây đau đầu và mất ngủ cho trẻ em trong khu dân cư");
        var merged = await _desk.NewCase("Video cắt ghép cho rằng đê sông Hồng đã vỡ ở ba huyện và chính quyền đang che giấu thông tin");
        Assert.Equal(5, new[] { claimed, contested, left, right, merged }.Distinct().Count());
        var claimedAt = await _desk.Version(claimed);
        var mergedAt = await _desk.Version(merged);
        var contestedAt = await _desk.Version(contested);
        var mergedReports = await ReportsOf(merged);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var clients = _reviewers.Select((reviewer, i) => Task.Run(async () =>
        {
            await start.Task;
            var claim = await Outcome(() => _desk.SendAs(reviewer, new AssignCase { CaseId = claimed, ExpectedVersion = claimedAt, ResponderEmail = "responder@demo.local" }));
            var merge = await Outcome(() => _desk.SendAs(reviewer, new MergeCase { CaseId = merged, ExpectedVersion = mergedAt, IntoCaseId = i % 2 == 0 ? left : right }));
            var tries = 0;
            while (true)
            {
                tries++;
                var version = await _desk.Version(contested);
                var classified = await Outcome(() => _desk.SendAs(reviewer, new ClassifyCase
                {
                    CaseId = contested, ExpectedVersion = version, Verdict = i % 2 == 0 ? "false" : "misleading", Category = "health",
                    Severity = i % 4 + 1, Note = reviewer,
                }));
                if (classified is CaseChanged) break;
                Assert.IsType<PreconditionFailedException>(classified);
                Assert.True(tries < 200, $"{reviewer} never got a turn");
            }
            return (Claim: claim, Merge: merge, Target: i % 2 == 0 ? left : right);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(clients);

        // One claim won; the others were told their version was stale, and the case has exactly that one assignment.
        Assert.Single(results, r => r.Claim is CaseChanged);
        Assert.All(results.Where(r => r.Claim is not CaseChanged), r => Assert.IsType<PreconditionFailedException>(r.Claim));
        Assert.Equal(claimedAt + 1, await _desk.Version(claimed));
        Assert.Equal(1, await Audited("AssignCase", claimed));
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM notifications WHERE kind = 'assignment' AND case_id = @claimed", new { claimed }));

        // One merge won; its reports sit in its target only, and the other target is as it was.
        var mergeWinner = Assert.Single(results, r => r.Merge is CaseChanged);
        var loser = mergeWinner.Target == left ? right : left;
        Assert.Equal(mergeWinner.Target, await _desk.Scalar<long>("SELECT merged_into_case_id FROM cases WHERE id = @merged AND status = 'merged'", new { merged }));
        Assert.Empty(await ReportsOf(merged));
        Assert.Superset(mergedReports.ToHashSet(), (await ReportsOf(mergeWinner.Target)).ToHashSet());
        Assert.Single(await ReportsOf(loser));
        Assert.Equal(1, await Audited("MergeCase", merged));
        foreach (var target in new[] { left, right })
            Assert.Equal((await ReportsOf(target)).Count, await _desk.Scalar<long>("SELECT report_count FROM cases WHERE id = @target", new { target }));

        // Every classification landed once, each on the version the one before it left: none was written over unseen.
        Assert.Equal(Clients, await Audited("ClassifyCase", contested));
        Assert.Equal(contestedAt + Clients, await _desk.Version(contested));
        var lastWriter = await _desk.Scalar<string>(
            $"SELECT {TestDatabase.JsonText("data", "$.request.note")} FROM audit_events WHERE action = 'ClassifyCase' AND entity_id = @id ORDER BY id DESC LIMIT 1",
            new { id = contested.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(lastWriter, await _desk.Scalar<string>("SELECT classification_note FROM cases WHERE id = @contested", new { contested }));
    }

    private static async Task<object> Outcome(Func<Task<CaseChanged>> write)
    {
        try
        {
            return await write();
        }
        catch (DeskException e)
        {
            return e;
        }
    }

    private async Task<List<long>> ReportsOf(long caseId) =>
        (await _desk.Scalar<string>("SELECT coalesce(string_agg(CAST(id AS TEXT), ','), '') FROM reports WHERE case_id = @caseId", new { caseId }))
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();

    private Task<long> Audited(string action, long caseId) => _desk.Scalar<long>(
        "SELECT count(*) FROM audit_events WHERE action = @action AND entity_id = @id",
        new { action, id = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}
