using Bunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Routing;
using Triage.Client.Taxonomy;
using Triage.Client.Units;
using Triage.Tests.Components;

namespace Triage.Tests.Routing;

/// <summary>The rule editor of the routing page over a fake desk: previewing a draft before saving it.</summary>
public sealed class RuleEditorTests
{
    private static readonly TaxonomyTerms Terms = new(
        [new Term("false", new TermLabels("Sai sự thật", "False"))],
        [new Term("health", new TermLabels("Y tế, sức khỏe", "Health"))],
        [new Term("facebook", new TermLabels("Facebook", "Facebook"))]);

    private static readonly UnitRef District = new(2, "D1", "Huyện Bình Minh");

    private static IRenderedComponent<RuleEditor> Render(BunitContext ctx, SaveRoutingRule draft)
    {
        ctx.Render<MudPopoverProvider>();
        return ctx.Render<RuleEditor>(p => p
            .Add(e => e.Draft, draft)
            .Add(e => e.Queues, [new QueueInfo(9, "Y tế", District, false, AssignmentStrategy.Manual, null, 0)])
            .Add(e => e.Units, [new UnitNode(2, 1, "D1", "Huyện Bình Minh", 1, 3)])
            .Add(e => e.Taxonomy, Terms));
    }

    [Fact]
    public async Task Preview_sends_the_draft_as_typed_and_lists_the_cases_it_would_match_without_saving()
    {
        var mediator = new FakeMediator().On<PreviewRoutingRule, RulePreview>(_ => new RulePreview(100,
            [new PreviewMatch(41, "Cuộc đấu tranh ở xã bên", CaseStatus.New, "Inbox"), new PreviewMatch(17, "Dau tranh truoc uy ban", CaseStatus.Triaged, "Y tế")]));
        await using var ctx = ComponentContext.Create("en-US", s => s.AddSingleton<IMediator>(mediator));
        ComponentContext.UseCulture("en-US");
        var editor = Render(ctx, new SaveRoutingRule { UnitId = 2, Name = "Đấu tranh", TargetQueueId = 9, PriorityBoost = 20 });

        editor.Find("#rule-keywords").Change("dau tranh, biểu tình");
        await editor.Find("[data-testid=rule-preview-button]").ClickAsync(new());

        var sent = Assert.Single(mediator.SentOf<PreviewRoutingRule>());
        Assert.Equal(["dau tranh", "biểu tình"], sent.Keywords);
        Assert.Equal((2L, (long?)9, 20), (sent.UnitId, sent.TargetQueueId, sent.PriorityBoost));
        Assert.Empty(mediator.SentOf<SaveRoutingRule>());
        editor.WaitForAssertion(() => Assert.Contains("Of the last 100 cases, 2 would match.", editor.Find("[data-testid=rule-preview]").TextContent));
        Assert.Equal(["41", "17"], editor.FindAll("[data-preview-case]").Select(li => li.GetAttribute("data-preview-case")));
        Assert.Equal("/cases/41", editor.Find("[data-preview-case='41'] a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_draft_without_conditions_shows_why_instead_of_a_preview()
    {
        var mediator = new FakeMediator().On<PreviewRoutingRule, RulePreview>(_ => throw new ValidationFailedException(
            new Dictionary<string, string[]> { ["conditions"] = ["Hãy đặt ít nhất một điều kiện cho quy tắc."] }));
        await using var ctx = ComponentContext.Create("vi-VN", s => s.AddSingleton<IMediator>(mediator));
        ComponentContext.UseCulture("vi-VN");
        var editor = Render(ctx, new SaveRoutingRule { UnitId = 2, Name = "Trống" });

        await editor.Find("[data-testid=rule-preview-button]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Equal("Hãy đặt ít nhất một điều kiện cho quy tắc.", editor.Find("[data-testid=rule-conditions-error]").TextContent.Trim()));
        Assert.Empty(editor.FindAll("[data-testid=rule-preview]"));
        Assert.Contains("Xem trước", editor.Find("[data-testid=rule-preview-button]").TextContent, StringComparison.Ordinal);
    }
}
