using Triage.Client.Cases;
using Triage.Client.Notifications;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Responses;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Responses;

public sealed class ResponseTests
{
    private const string Responder = "responder@demo.local";
    private const string Reviewer = "reviewer@demo.local";
    private const string PostUrl = "https://facebook.com/ttxvn/posts/su-that-ve-nuoc-chanh";

    private static DraftResponse Draft(long caseId) => new()
    {
        CaseId = caseId, Kind = "debunk", Channel = "facebook", Language = "vi",
        Fact = "Nước chanh không chữa được ung thư.", Myth = "Tin đồn nói uống nước chanh nóng chữa khỏi ung thư.",
        Fallacy = "Mượn danh bác sĩ để tạo lòng tin.", Text = "Sự thật: nước chanh không chữa được ung thư; hãy đi khám khi có dấu hiệu bệnh.",
    };

    private static async Task<(TestDesk Desk, long CaseId)> AssignedCase()
    {
        var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        await desk.ForceStatus(caseId, CaseStatus.Assigned);
        return (desk, caseId);
    }

    private static Task<string> MessageState(TestDesk desk, long responseId) => desk.Scalar<string>(
        $"SELECT {TestDatabase.JsonArray}(status, published_url, published_at, approved_by) FROM counter_messages WHERE id = @responseId", new { responseId });

    private static Task RequireApproval(TestDesk desk, long caseId) =>
        desk.Execute("UPDATE queues SET requires_approval = TRUE WHERE id = (SELECT queue_id FROM cases WHERE id = @caseId)", new { caseId });

    [Fact]
    public async Task Publishing_makes_the_case_responded_and_reporters_see_the_verdict_the_link_and_a_notification()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        var version = await desk.Version(caseId);

        var draft = await desk.SendAs(Responder, Draft(caseId));
        Assert.Equal(ResponseStatus.Draft, draft.Status);
        var published = await desk.SendAs(Responder, new PublishResponse { ResponseId = draft.ResponseId, PublishedUrl = PostUrl, PublishedAt = desk.Clock.GetUtcNow() });

        Assert.Equal(ResponseStatus.Published, published.Status);
        Assert.Equal("responded", await desk.Scalar<string>("SELECT status FROM cases WHERE id = @caseId", new { caseId }));
        Assert.Equal(version + 1, await desk.Version(caseId));
        var mine = Assert.Single((await desk.SendAs("member@demo.local", new ListMyReports())).Items);
        Assert.Equal("false", mine.Verdict);
        Assert.Equal(PostUrl, mine.CounterMessageUrl);
        var note = Assert.Single((await desk.SendAs("member@demo.local", new ListMyNotifications())).Items);
        Assert.Equal(NotificationKind.Outcome, note.Kind);
        Assert.Equal(caseId, note.CaseId);
        var listed = Assert.Single(await desk.SendAs(Reviewer, new ListCaseResponses(caseId)));
        Assert.Equal(PostUrl, listed.PublishedUrl);
        Assert.Equal("Mượn danh bác sĩ để tạo lòng tin.", listed.Fallacy);
    }

    [Fact]
    public async Task A_draft_keeps_its_restated_closing_fact_through_edits_and_says_whether_its_queue_needs_approval()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        var draft = Draft(caseId);
        draft.FactAgain = "Khi có dấu hiệu bệnh, hãy đi khám.";
        var saved = await desk.SendAs(Responder, draft);

        var listed = Assert.Single(await desk.SendAs(Reviewer, new ListCaseResponses(caseId)));
        Assert.Equal("Khi có dấu hiệu bệnh, hãy đi khám.", listed.FactAgain);
        Assert.False(listed.ApprovalRequired);

        await RequireApproval(desk, caseId);
        await desk.SendAs(Responder, new UpdateDraft
        {
            ResponseId = saved.ResponseId, Kind = "debunk", Channel = "x", Language = "vi", Fact = draft.Fact, FactAgain = "  ", Text = "Sự thật: nước chanh không chữa được ung thư.",
        });
        listed = Assert.Single(await desk.SendAs(Reviewer, new ListCaseResponses(caseId)));
        Assert.Null(listed.FactAgain);
        Assert.Equal("x", listed.Channel);
        Assert.True(listed.ApprovalRequired);
    }

    [Fact]
    public async Task The_author_sends_a_draft_for_approval_the_nearest_reviewers_hear_of_it_and_another_reviewer_approves()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        var draft = await desk.SendAs(Responder, Draft(caseId));
        await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs(Responder, new RequestApproval(draft.ResponseId)));
        await RequireApproval(desk, caseId);
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Reviewer, new RequestApproval(draft.ResponseId)));

        var asked = await desk.SendAs(Responder, new RequestApproval(draft.ResponseId));

        Assert.Equal(ResponseStatus.AwaitingApproval, asked.Status);
        var note = Assert.Single((await desk.SendAs(Reviewer, new ListMyNotifications())).Items);
        Assert.Equal((NotificationKind.Approval, caseId), (note.Kind, note.CaseId));
        Assert.Empty((await desk.SendAs("reviewer2@demo.local", new ListMyNotifications())).Items);
        Assert.Empty((await desk.SendAs(Responder, new ListMyNotifications())).Items);
        var again = await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs(Responder, new RequestApproval(draft.ResponseId)));
        Assert.Equal(ResponseRules.NotADraft, again.Code);

        // While it waits the author may still improve it; the approval then counts for what it says.
        var edited = await desk.SendAs(Responder, new UpdateDraft { ResponseId = draft.ResponseId, Kind = "debunk", Channel = "facebook", Language = "vi", Text = "Sự thật đã sửa." });
        Assert.Equal(ResponseStatus.AwaitingApproval, edited.Status);
        Assert.Equal(ResponseStatus.Approved, (await desk.SendAs(Reviewer, new ApproveResponse(draft.ResponseId))).Status);
        await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs(Responder, new UpdateDraft { ResponseId = draft.ResponseId, Kind = "debunk", Channel = "facebook", Language = "vi", Text = "Sửa sau khi duyệt." }));
        Assert.Equal("Sự thật đã sửa.", Assert.Single(await desk.SendAs(Reviewer, new ListCaseResponses(caseId)), r => r.Id == draft.ResponseId).Text);
    }

    [Fact]
    public async Task A_reporter_sees_no_link_before_anything_is_published()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        await desk.SendAs(Responder, Draft(caseId));

        Assert.Null(Assert.Single((await desk.SendAs("member@demo.local", new ListMyReports())).Items).CounterMessageUrl);
    }

    [Fact]
    public async Task Approving_ones_own_message_is_refused_and_publishing_waits_for_another_reviewers_approval()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        await RequireApproval(desk, caseId);
        await desk.AddUser("reviewer3@demo.local", Role.Reviewer, "D1");
        var draft = await desk.SendAs(Reviewer, Draft(caseId));
        var publish = new PublishResponse { ResponseId = draft.ResponseId, PublishedUrl = PostUrl, PublishedAt = desk.Clock.GetUtcNow() };

        var own = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Reviewer, new ApproveResponse(draft.ResponseId)));
        Assert.Contains("response", own.Errors.Keys);
        var early = await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs(Responder, publish));
        Assert.Equal(ResponseRules.NeedsApproval, early.Code);
        Assert.Equal("assigned", await desk.Scalar<string>("SELECT status FROM cases WHERE id = @caseId", new { caseId }));

        Assert.Equal(ResponseStatus.Approved, (await desk.SendAs("reviewer3@demo.local", new ApproveResponse(draft.ResponseId))).Status);
        Assert.Equal(ResponseStatus.Published, (await desk.SendAs(Responder, publish)).Status);
    }

    [Fact]
    public async Task Approval_is_refused_where_the_queue_does_not_ask_for_it()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        var draft = await desk.SendAs(Responder, Draft(caseId));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs(Reviewer, new ApproveResponse(draft.ResponseId)));
        Assert.Equal(ResponseRules.ApprovalNotRequired, conflict.Code);
    }

    public static TheoryData<string?, int?> BadPublications() => new()
    {
        { null, 0 },
        { "", 0 },
        { PostUrl, null },
        { "ftp://example.com/bai-viet", 0 },
        { "/relative/bai-viet", 0 },
        { PostUrl, 60 },
    };

    [Theory, MemberData(nameof(BadPublications))]
    public async Task A_publication_without_a_web_address_or_a_past_time_is_refused_and_changes_nothing(string? url, int? minutesAhead)
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        var draft = await desk.SendAs(Responder, Draft(caseId));
        var caseBefore = await desk.Snapshot(caseId);
        var messageBefore = await MessageState(desk, draft.ResponseId);

        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Responder, new PublishResponse
        {
            ResponseId = draft.ResponseId, PublishedUrl = url!,
            PublishedAt = minutesAhead is { } m ? desk.Clock.GetUtcNow().AddMinutes(m) : null,
        }));

        Assert.Equal(caseBefore, await desk.Snapshot(caseId));
        Assert.Equal(messageBefore, await MessageState(desk, draft.ResponseId));
        Assert.Equal(0, await desk.Scalar<long>("SELECT count(*) FROM notifications WHERE kind = 'outcome'"));
    }

    [Fact]
    public async Task Reach_readings_are_appended_to_a_history_and_negative_or_empty_readings_are_refused()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        var draft = await desk.SendAs(Responder, Draft(caseId) );
        await desk.SendAs(Responder, new PublishResponse { ResponseId = draft.ResponseId, PublishedUrl = PostUrl, PublishedAt = desk.Clock.GetUtcNow() });

        await desk.SendAs(Responder, new RecordReach { ResponseId = draft.ResponseId, Views = 100, Shares = 4 });
        desk.Clock.Advance(TimeSpan.FromHours(1));
        var reach = await desk.SendAs(Responder, new RecordReach { ResponseId = draft.ResponseId, Views = 250, Comments = 7 });

        Assert.Equal(250, reach.Views);
        Assert.Equal(4, reach.Shares);
        Assert.Equal(7, reach.Comments);
        Assert.Null(reach.Reactions);
        Assert.Equal([250L, 100L], reach.History.Select(h => h.Views!.Value));
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Responder, new RecordReach { ResponseId = draft.ResponseId, Views = -1 }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Responder, new RecordReach { ResponseId = draft.ResponseId }));
        Assert.Equal(2, await desk.Scalar<long>("SELECT count(*) FROM counter_message_reach"));
        Assert.Equal(2, Assert.Single(await desk.SendAs(Reviewer, new ListCaseResponses(caseId))).Reach.History.Count);
    }

    [Fact]
    public async Task Closing_needs_a_known_outcome_and_the_assigned_responder_may_close_only_a_responded_case()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        var version = await desk.Version(caseId);
        var before = await desk.Snapshot(caseId);

        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Responder, new CloseCase { CaseId = caseId, ExpectedVersion = version }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Reviewer, new CloseCase { CaseId = caseId, ExpectedVersion = version, Outcome = "solved" }));
        await Assert.ThrowsAsync<PreconditionRequiredException>(() => desk.SendAs(Reviewer, new CloseCase { CaseId = caseId, Outcome = "no_response_needed" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs(Responder, new CloseCase { CaseId = caseId, ExpectedVersion = version, Outcome = "no_response_needed" }));
        var illegal = await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs(Reviewer, new CloseCase { CaseId = caseId, ExpectedVersion = version, Outcome = "duplicate" }));
        Assert.Equal(CaseRules.IllegalTransition, illegal.Code);
        Assert.Equal(before, await desk.Snapshot(caseId));

        var draft = await desk.SendAs(Responder, Draft(caseId));
        await desk.SendAs(Responder, new PublishResponse { ResponseId = draft.ResponseId, PublishedUrl = PostUrl, PublishedAt = desk.Clock.GetUtcNow() });
        var closed = await desk.SendAs(Responder, new CloseCase { CaseId = caseId, ExpectedVersion = await desk.Version(caseId), Outcome = "responded", Reason = "Đã đăng bài phản bác" });

        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal("responded", await desk.Scalar<string>("SELECT outcome FROM cases WHERE id = @caseId", new { caseId }));
    }

    [Fact]
    public async Task A_reviewer_closes_an_assigned_case_that_needs_no_response()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;

        var closed = await desk.SendAs(Reviewer, new CloseCase { CaseId = caseId, ExpectedVersion = await desk.Version(caseId), Outcome = "no_response_needed" });

        Assert.Equal(CaseStatus.Closed, closed.Status);
    }

    [Fact]
    public async Task Out_of_scope_cases_and_messages_do_not_exist_and_an_unassigned_responder_may_not_answer()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        var draft = await desk.SendAs(Responder, Draft(caseId));
        await desk.AddUser("responder2@demo.local", Role.Responder, "D1");

        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("reviewer2@demo.local", Draft(caseId)));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("reviewer2@demo.local", new PublishResponse { ResponseId = draft.ResponseId, PublishedUrl = PostUrl, PublishedAt = desk.Clock.GetUtcNow() }));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("reviewer2@demo.local", new ListCaseResponses(caseId)));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs(Reviewer, new PublishResponse { ResponseId = 999_999, PublishedUrl = PostUrl, PublishedAt = desk.Clock.GetUtcNow() }));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs("responder2@demo.local", Draft(caseId)));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs("member@demo.local", Draft(caseId)));
        Assert.Equal(1, await desk.Scalar<long>("SELECT count(*) FROM counter_messages"));
    }

    [Fact]
    public async Task Only_the_author_edits_a_draft_and_only_while_it_is_a_draft()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        var draft = await desk.SendAs(Responder, Draft(caseId));
        UpdateDraft Edit(string text) => new() { ResponseId = draft.ResponseId, Kind = "clarification", Channel = "zalo", Language = "vi", Text = text };

        await desk.SendAs(Responder, Edit("Bản sửa: nước chanh không phải thuốc chữa ung thư."));
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Reviewer, Edit("Người khác sửa")));
        await desk.SendAs(Responder, new PublishResponse { ResponseId = draft.ResponseId, PublishedUrl = PostUrl, PublishedAt = desk.Clock.GetUtcNow() });
        var late = await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs(Responder, Edit("Sửa sau khi đăng")));

        Assert.Equal(ResponseRules.NotADraft, late.Code);
        var listed = Assert.Single(await desk.SendAs(Responder, new ListCaseResponses(caseId)));
        Assert.Equal(("clarification", "Bản sửa: nước chanh không phải thuốc chữa ung thư."), (listed.Kind, listed.Text));
    }

    [Fact]
    public async Task A_draft_with_unknown_codes_or_no_text_is_refused()
    {
        var (desk, caseId) = await AssignedCase();
        await using var _ = desk;
        var bad = Draft(caseId);
        bad.Kind = "rant";
        bad.Channel = "fax";
        bad.Language = "fr";
        bad.Text = "";

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs(Responder, bad));

        Assert.Equal(["channel", "kind", "language", "text"], refused.Errors.Keys.Order());
        Assert.Equal(0, await desk.Scalar<long>("SELECT count(*) FROM counter_messages"));
    }
}
