using Triage.Client.Cases;
using Triage.Client.Notifications;
using Triage.Client.Pipeline;
using Triage.Server.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class CaseCommentTests : IAsyncLifetime
{
    private const string Reviewer = "reviewer@demo.local";
    private TestDesk _desk = default!;
    private long _caseId;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        _caseId = await _desk.NewCase();
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<CaseComment> Comment(string text, string email = Reviewer) =>
        _desk.SendAs(email, new CommentOnCase { CaseId = _caseId, Text = text });

    [Fact]
    public async Task A_reviewer_comments_and_the_activity_lists_the_comment_with_its_author()
    {
        _desk.Clock.Advance(TimeSpan.FromMinutes(5));
        var comment = await Comment("  Đã kiểm tra với Sở Y tế: thông tin sai.  ");

        Assert.Equal(("Đã kiểm tra với Sở Y tế: thông tin sai.", Reviewer, _desk.Clock.GetUtcNow()), (comment.Text, comment.Author.Email, comment.At));
        var activity = await _desk.SendAs("responder@demo.local", new GetCaseActivity(_caseId));
        Assert.Equal(comment, Assert.Single(activity.Comments), CommentComparer.Instance);
        Assert.DoesNotContain(activity.Timeline, e => e.Action == nameof(CommentOnCase));
    }

    [Fact]
    public async Task Each_person_mentioned_is_notified_once_and_the_author_never()
    {
        var comment = await Comment("@responder@demo.local xem giúp, cc @RESPONDER@demo.local và @reviewer@demo.local.");

        Assert.Equal(["responder@demo.local", Reviewer], comment.Mentions.Select(p => p.Email));
        var note = Assert.Single((await _desk.SendAs("responder@demo.local", new ListMyNotifications())).Items);
        Assert.Equal((NotificationKind.Mention, _caseId, Reviewer), (note.Kind, note.CaseId, note.From?.Email));
        Assert.StartsWith("@responder@demo.local xem giúp", note.Excerpt, StringComparison.Ordinal);
        Assert.Empty((await _desk.SendAs(Reviewer, new ListMyNotifications())).Items);
        Assert.Equal(2, await _desk.Scalar<long>("SELECT count(*) FROM comment_mentions"));
    }

    [Theory]
    [InlineData("@nobody@demo.local", "nobody@demo.local")]            // no such user
    [InlineData("@reviewer2@demo.local", "reviewer2@demo.local")]      // cannot read a D1 case
    [InlineData("@member@demo.local", "member@demo.local")]            // reads the case as its reporter, but not staff notes
    public async Task A_mention_of_someone_who_cannot_read_the_comment_is_a_field_error_naming_them_and_saves_nothing(string text, string named)
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Comment($"Nhờ {text} và @responder@demo.local xem."));

        Assert.Contains(named, Assert.Single(refused.Errors["text"]), StringComparison.Ordinal);
        Assert.DoesNotContain("responder@demo.local", refused.Errors["text"][0].Replace(named, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM case_comments"));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM notifications"));
    }

    [Fact]
    public async Task A_disabled_colleague_cannot_be_mentioned()
    {
        await _desk.Execute("UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE email = 'responder@demo.local'");

        await Assert.ThrowsAsync<ValidationFailedException>(() => Comment("@responder@demo.local"));
    }

    [Fact]
    public async Task A_member_is_forbidden_to_comment_or_read_the_activity()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Comment("Tôi cũng thấy bài này", "member@demo.local"));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("member@demo.local", new GetCaseActivity(_caseId)));
    }

    [Fact]
    public async Task A_reviewer_of_a_sibling_district_finds_neither_comments_nor_activity()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Comment("Xem thử", "reviewer2@demo.local"));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("reviewer2@demo.local", new GetCaseActivity(_caseId)));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs(Reviewer, new GetCaseActivity(999_999)));
    }

    [Theory]
    [InlineData("cc @a@b.vn, và @c.d@e-f.com.vn.", "a@b.vn|c.d@e-f.com.vn")]
    [InlineData("gửi x@y.com và lan@demo.local", "")]
    [InlineData("@A@b.vn @a@B.vn (@q@r.org)", "A@b.vn|q@r.org")]
    public void Mentions_are_at_sign_then_an_address_each_once(string text, string expected) =>
        Assert.Equal(expected, string.Join('|', CommentOnCaseHandler.Mentions(text)));

    [Fact]
    public async Task The_timeline_tells_the_cases_story_oldest_first_with_who_and_what()
    {
        var version = await _desk.Version(_caseId);
        await _desk.SendAs(Reviewer, new ClassifyCase { CaseId = _caseId, ExpectedVersion = version, Verdict = "false", Category = "health", Severity = 3, DisarmTechniques = ["T0002"] });
        await Comment("Đã phân loại");
        _desk.Clock.Advance(TimeSpan.FromMinutes(1));
        await _desk.SendAs(Reviewer, new AssignCase { CaseId = _caseId, ExpectedVersion = version + 1, ResponderEmail = "responder@demo.local" });

        var timeline = (await _desk.SendAs(Reviewer, new GetCaseActivity(_caseId))).Timeline;

        Assert.Equal([nameof(ClassifyCase), nameof(AssignCase)], timeline.Select(e => e.Action));
        Assert.True(timeline[0].At < timeline[1].At);
        Assert.All(timeline, e => Assert.Equal(Reviewer, e.Actor?.Email));
        Assert.Equal(("false", "T0002", "new", "triaged"), (timeline[0].Details["verdict"], timeline[0].Details["disarmTechniques"], timeline[0].Details["from"], timeline[0].Details["to"]));
        Assert.Equal((await _desk.UserId("responder@demo.local")).ToString(System.Globalization.CultureInfo.InvariantCulture), timeline[1].Details["assigneeUserId"]);
        Assert.Equal("assigned", timeline[1].Details["to"]);
    }

    [Fact]
    public async Task The_timeline_of_a_merge_target_shows_the_merge_into_it()
    {
        var target = await _desk.NewCase(CaseDesk.OtherClaim);
        await _desk.SendAs(Reviewer, new MergeCase { CaseId = _caseId, ExpectedVersion = await _desk.Version(_caseId), IntoCaseId = target });

        var merge = Assert.Single((await _desk.SendAs(Reviewer, new GetCaseActivity(target))).Timeline);
        var source = Assert.Single((await _desk.SendAs(Reviewer, new GetCaseActivity(_caseId))).Timeline);

        Assert.Equal(source.EventId, merge.EventId);
        Assert.Equal((nameof(MergeCase), _caseId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (merge.Action, merge.Details["mergedCaseId"]));
        Assert.False(source.Details.ContainsKey("mergedCaseId"));
    }

    [Fact]
    public async Task Notifications_come_newest_first_with_the_unread_count_and_only_the_callers_own_are_marked_read()
    {
        await Comment("@responder@demo.local một");
        await Comment("@responder@demo.local hai");
        await Comment("@reviewer@demo.local ba", "responder@demo.local");
        var mine = await _desk.SendAs("responder@demo.local", new ListMyNotifications());
        var theirs = Assert.Single((await _desk.SendAs(Reviewer, new ListMyNotifications())).Items);

        Assert.Equal(["@responder@demo.local hai", "@responder@demo.local một"], mine.Items.Select(n => n.Excerpt));
        Assert.Equal(2, mine.Unread);

        Assert.Equal(1, await _desk.SendAs("responder@demo.local", new MarkNotificationsRead([mine.Items[1].Id, theirs.Id])));
        var after = await _desk.SendAs("responder@demo.local", new ListMyNotifications { UnreadOnly = true });
        Assert.Equal((1, mine.Items[0].Id), (after.Unread, Assert.Single(after.Items).Id));
        Assert.Equal(1, (await _desk.SendAs(Reviewer, new ListMyNotifications())).Unread);

        Assert.Equal(1, await _desk.SendAs("responder@demo.local", new MarkNotificationsRead()));
        Assert.Equal(0, (await _desk.SendAs("responder@demo.local", new ListMyNotifications())).Unread);
        Assert.Single((await _desk.SendAs("responder@demo.local", new ListMyNotifications { Limit = 1 })).Items);
    }

    /// <summary>Records holding lists compare by reference; compare what they say.</summary>
    private sealed class CommentComparer : IEqualityComparer<CaseComment>
    {
        public static readonly CommentComparer Instance = new();

        public bool Equals(CaseComment? x, CaseComment? y) =>
            x is not null && y is not null && x with { Mentions = [] } == y with { Mentions = [] } && x.Mentions.SequenceEqual(y.Mentions);

        public int GetHashCode(CaseComment obj) => obj.Id.GetHashCode();
    }
}
