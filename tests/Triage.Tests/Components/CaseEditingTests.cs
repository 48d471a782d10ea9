using Bunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using static Triage.Tests.Components.CaseViewData;

namespace Triage.Tests.Components;

/// <summary>Writes from the case page: the conflict dialog, the DISARM picker, comments.</summary>
public sealed class CaseEditingTests
{
    private static BunitContext Context(FakeMediator mediator, string culture = "en-US") =>
        ComponentContext.Create(culture, s => s.AddSingleton<IMediator>(mediator));

    private static IRenderedComponent<CaseViewHost> Open(BunitContext ctx) =>
        ctx.Render<CaseViewHost>(p => p.Add(h => h.CaseId, CaseId).Add(h => h.Me, Account(Role.Reviewer)));

    /// <summary>
    /// The reviewer loads version 3 and changes the note; meanwhile another reviewer saved version 4 with
    /// another verdict and note. The save answers 412 and writes nothing.
    /// </summary>
    private static (FakeMediator Mediator, Func<CaseDetail> Current) RacedClassification()
    {
        var current = Case(CaseStatus.Triaged, version: 3, verdict: "false");
        var mediator = Mediator(() => current).On<ClassifyCase, CaseChanged>(request =>
        {
            if (request.ExpectedVersion == 3)
            {
                current = Case(CaseStatus.Triaged, version: 4, verdict: "misleading", note: "Ghi chú của người khác");
                throw new PreconditionFailedException(4);
            }
            Assert.Equal(4, request.ExpectedVersion);
            current = Case(CaseStatus.Triaged, version: 5, verdict: request.Verdict, note: request.Note);
            return new CaseChanged(CaseId, CaseStatus.Triaged, 5);
        });
        return (mediator, () => current);
    }

    /// <summary>Submits the form; the returned task ends when the save does, which may wait on a dialog.</summary>
    private static Task SaveNote(IRenderedComponent<CaseViewHost> cut, string note)
    {
        cut.WaitForElement("[data-testid=classification-note]").Change(note);
        return cut.Find("[data-testid=classification] form").SubmitAsync();
    }

    [Fact]
    public async Task A_stale_save_shows_both_values_and_apply_mine_resends_on_the_new_version_keeping_their_other_changes()
    {
        var (mediator, current) = RacedClassification();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        var saving = SaveNote(cut, "Ghi chú của tôi");

        var row = cut.WaitForElement("[data-testid=conflict-field]");
        Assert.Single(cut.FindAll("[data-testid=conflict-field]")); // only the field the reviewer changed
        Assert.Equal("Note (optional)", row.QuerySelector("th")!.TextContent);
        Assert.Equal("Ghi chú của tôi", row.QuerySelector("[data-testid=conflict-yours]")!.TextContent);
        Assert.Equal("Ghi chú của người khác", row.QuerySelector("[data-testid=conflict-theirs]")!.TextContent);
        Assert.Single(mediator.SentOf<ClassifyCase>());

        await cut.Find("[data-testid=apply-mine]").ClickAsync(new());
        await saving.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, mediator.SentOf<ClassifyCase>().Count());
        var resent = mediator.SentOf<ClassifyCase>().Last();
        Assert.Equal(4, resent.ExpectedVersion);
        Assert.Equal("Ghi chú của tôi", resent.Note);
        Assert.Equal("misleading", resent.Verdict); // theirs: this reviewer never touched the verdict
        Assert.Equal(5, current().Version);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=conflict-field]")));
    }

    [Fact]
    public async Task Keep_theirs_writes_nothing_and_shows_the_server_values()
    {
        var (mediator, current) = RacedClassification();
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        var saving = SaveNote(cut, "Ghi chú của tôi");
        await cut.WaitForElement("[data-testid=keep-theirs]").ClickAsync(new());
        await saving.WaitAsync(TimeSpan.FromSeconds(10));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=conflict-field]")));
        Assert.Single(mediator.SentOf<ClassifyCase>());
        Assert.Equal(4, current().Version);
        Assert.Equal("Ghi chú của người khác", cut.Find("[data-testid=classification-note]").GetAttribute("value") ?? cut.Find("[data-testid=classification-note]").TextContent);
    }

    [Fact]
    public async Task The_conflict_dialog_speaks_vietnamese()
    {
        var (mediator, _) = RacedClassification();
        await using var ctx = Context(mediator, "vi-VN");
        ComponentContext.UseCulture("vi-VN");
        var cut = Open(ctx);

        _ = SaveNote(cut, "Ghi chú của tôi");

        cut.WaitForAssertion(() => Assert.Contains("Hiện trên hệ thống", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Áp dụng bản của tôi", cut.Find("[data-testid=apply-mine]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_classification_panel_finds_disarm_techniques_by_id_and_by_name_and_sends_them()
    {
        var mediator = Mediator(() => Case(CaseStatus.Triaged, verdict: "false"))
            .On<ClassifyCase, CaseChanged>(_ => new CaseChanged(CaseId, CaseStatus.Triaged, 4));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        cut.WaitForElement("[data-testid=technique-search]").Input("t0015.00");
        var byId = cut.FindAll("[data-testid=technique-match]");
        Assert.Equal(["T0015.001 · Use Existing Hashtag", "T0015.002 · Create New Hashtag"], byId.Select(m => m.TextContent.Trim()));
        byId[0].Click();

        cut.Find("[data-testid=technique-search]").Input("state propaganda");
        var byName = Assert.Single(cut.FindAll("[data-testid=technique-match]"));
        Assert.Contains("T0002", byName.TextContent, StringComparison.Ordinal);
        byName.Click();

        Assert.Equal(2, cut.FindAll("[data-testid=technique-chips] .mud-chip").Count);
        await cut.Find("[data-testid=classification] form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal(["T0015.001", "T0002"], Assert.Single(mediator.SentOf<ClassifyCase>()).DisarmTechniques!));
    }

    [Fact]
    public async Task A_server_field_error_is_shown_at_its_field()
    {
        var mediator = Mediator(() => Case(CaseStatus.Triaged, verdict: "false")).On<ClassifyCase, CaseChanged>(_ =>
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["disarmTechniques"] = ["Unknown DISARM technique: T9999."] }));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        await SaveNote(cut, "x");

        cut.WaitForAssertion(() => Assert.Contains("Unknown DISARM technique: T9999.", cut.Find("[data-testid=classification]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_timeline_and_comments_show_and_a_new_comment_is_posted_with_its_mentions()
    {
        var mediator = Mediator(() => Case()).On<CommentOnCase, CaseComment>(r =>
            new CaseComment(2, r.CaseId, Reviewer, r.Text, [OtherReviewer], FirstSeen.AddHours(6)));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        var entries = cut.WaitForElements("[data-testid=timeline-entry]", 2);
        Assert.Contains("Report received", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Classified", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Received → Being reviewed", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Đỗ Thị Hạnh", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("xem giúp em nguồn này", cut.Find("[data-testid=comment]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=comment-text]").Change("@reviewer3@demo.local nhờ chị kiểm tra");
        await cut.Find("[data-testid=case-activity] form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=comment]").Count));
        var sent = Assert.Single(mediator.SentOf<CommentOnCase>());
        Assert.Equal(CaseId, sent.CaseId);
        Assert.Contains("Notified: Đỗ Thị Hạnh", cut.FindAll("[data-testid=comment]")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_timeline_leaves_the_rest_of_the_case_usable()
    {
        var mediator = Mediator(() => Case()).On<GetCaseActivity, CaseActivity>(_ => throw new InvalidOperationException("activity is down"));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx);

        cut.WaitForElement("[data-testid=activity-failed]");
        Assert.Equal(2, cut.FindAll("[data-testid=case-report]").Count);
        Assert.NotEmpty(cut.FindAll("[data-testid=classification]"));
    }

    [Fact]
    public async Task Members_see_no_timeline_or_comments()
    {
        var mediator = Mediator(() => Case(mayAct: false));
        await using var ctx = Context(mediator);
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<CaseViewHost>(p => p.Add(h => h.CaseId, CaseId).Add(h => h.Me, Account(Role.Member)));

        cut.WaitForElement("[data-testid=case-header]");
        Assert.Empty(cut.FindAll("[data-testid=case-activity]"));
        Assert.Empty(mediator.SentOf<GetCaseActivity>());
    }
}
