using Bunit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Triage.Client.Pipeline;
using Triage.Client.Responses;

namespace Triage.Tests.Components;

public sealed class ResponseEditorTests
{
    private const long CaseId = 42;

    private static (BunitContext Context, FakeMediator Mediator, FakeTimeProvider Clock) Desk(string culture = "en-US")
    {
        var mediator = new FakeMediator()
            .On<DraftResponse, ResponseSaved>(_ => new ResponseSaved(7, ResponseStatus.Draft))
            .On<UpdateDraft, ResponseSaved>(r => new ResponseSaved(r.ResponseId, ResponseStatus.Draft));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
        var ctx = ComponentContext.Create(culture, s =>
        {
            s.AddSingleton<IMediator>(mediator);
            s.AddSingleton(clock);
            s.AddSingleton<TimeProvider>(clock);
        });
        return (ctx, mediator, clock);
    }

    private static IRenderedComponent<ResponseEditor> Open(BunitContext ctx, ResponseStart start)
    {
        ctx.Render<MudPopoverProvider>();
        return ctx.Render<ResponseEditor>(p => p.Add(e => e.CaseId, CaseId).Add(e => e.Start, start));
    }

    private static string Text(IRenderedComponent<ResponseEditor> cut) => cut.Find("textarea[data-testid=response-text]").GetAttribute("value") ?? cut.Find("textarea[data-testid=response-text]").TextContent;

    [Fact]
    public async Task The_four_parts_compose_the_text_and_the_preview_as_they_are_typed()
    {
        var (ctx, _, _) = Desk();
        await using var _ctx = ctx;
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx, new ResponseStart(null, "debunk", "facebook", "en"));

        cut.Find("textarea[data-testid=response-fact]").Input("Boiled water is safe to drink.");
        cut.Find("textarea[data-testid=response-myth]").Input("Boiled water causes cancer.");
        cut.Find("textarea[data-testid=response-fallacy]").Input("The post confuses boiling with burning plastic.");

        var expected = "Boiled water is safe to drink.\n\nWarning, a false claim is going around: Boiled water causes cancer.\n\n" +
                       "The post confuses boiling with burning plastic.\n\nBoiled water is safe to drink.";
        cut.WaitForAssertion(() => Assert.Equal(expected, Text(cut)));
        Assert.Equal(expected, cut.Find("[data-testid=response-preview-text]").TextContent);
        Assert.Contains($"{expected.Length} of 63206 characters", cut.Find("[data-testid=response-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_text_is_edited_by_hand_the_parts_leave_it_alone_until_it_is_composed_again()
    {
        var (ctx, _, _) = Desk();
        await using var _ctx = ctx;
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx, new ResponseStart(null, "debunk", "facebook", "en", Fact: "Tap water in the city is tested daily."));
        Assert.Equal("Tap water in the city is tested daily.", Text(cut));
        Assert.Empty(cut.FindAll("[data-testid=response-recompose]"));

        cut.Find("textarea[data-testid=response-text]").Input("Tap water in the city is tested daily. Results: water.gov.vn");
        cut.Find("textarea[data-testid=response-fallacy]").Input("The photo is from another country.");
        Assert.Equal("Tap water in the city is tested daily. Results: water.gov.vn", Text(cut));

        cut.Find("[data-testid=response-recompose]").Click();
        Assert.Equal("Tap water in the city is tested daily.\n\nThe photo is from another country.\n\nTap water in the city is tested daily.", Text(cut));
        Assert.Empty(cut.FindAll("[data-testid=response-recompose]"));
    }

    [Fact]
    public async Task A_post_too_long_for_its_channel_is_warned_about()
    {
        var (ctx, _, _) = Desk();
        await using var _ctx = ctx;
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx, new ResponseStart(null, "debunk", "x", "vi", Text: new string('a', 260)));
        Assert.Contains("260 of 280 characters", cut.Find("[data-testid=response-count]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=response-near-limit]"));
        Assert.Empty(cut.FindAll("[data-testid=response-too-long]"));

        cut.Find("textarea[data-testid=response-text]").Input(new string('a', 300));

        Assert.Contains("20 characters over", cut.Find("[data-testid=response-too-long]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_draft_is_saved_after_a_pause_in_typing_once_created_then_updated()
    {
        var (ctx, mediator, clock) = Desk();
        await using var _ctx = ctx;
        ComponentContext.UseCulture("en-US");
        var cut = Open(ctx, new ResponseStart(null, "clarification", "zalo", "vi"));

        cut.Find("textarea[data-testid=response-fact]").Input("Trường học vẫn mở cửa bình thường.");
        cut.Find("textarea[data-testid=response-fact]").Input("Trường học vẫn mở cửa bình thường vào thứ Hai.");
        clock.Advance(ResponseEditor.SaveDelay - TimeSpan.FromMilliseconds(1));
        Assert.Empty(mediator.SentOf<DraftResponse>());

        clock.Advance(TimeSpan.FromMilliseconds(1));
        cut.WaitForAssertion(() => Assert.Single(mediator.SentOf<DraftResponse>()));
        var created = mediator.SentOf<DraftResponse>().Single();
        Assert.Equal((CaseId, "clarification", "zalo", "vi", "Trường học vẫn mở cửa bình thường vào thứ Hai."),
            (created.CaseId, created.Kind, created.Channel, created.Language, created.Fact));
        cut.WaitForAssertion(() => Assert.Contains("Draft saved", cut.Find("[data-testid=response-saved]").TextContent, StringComparison.Ordinal));

        cut.Find("textarea[data-testid=response-fallacy]").Input("Ảnh chụp từ năm 2020.");
        clock.Advance(ResponseEditor.SaveDelay);
        cut.WaitForAssertion(() => Assert.Single(mediator.SentOf<UpdateDraft>()));
        var updated = mediator.SentOf<UpdateDraft>().Single();
        Assert.Equal(7, updated.ResponseId);
        Assert.Equal("Ảnh chụp từ năm 2020.", updated.Fallacy);
        Assert.Single(mediator.SentOf<DraftResponse>());
    }

    [Fact]
    public async Task A_refused_save_marks_the_field_and_says_the_draft_is_not_saved()
    {
        var (ctx, mediator, clock) = Desk("vi-VN");
        await using var _ctx = ctx;
        mediator.On<DraftResponse, ResponseSaved>(_ => throw new ValidationFailedException(new Dictionary<string, string[]> { ["channel"] = ["Hãy chọn một kênh trong danh sách."] }));
        ComponentContext.UseCulture("vi-VN");
        var cut = Open(ctx, new ResponseStart(null, "debunk", "facebook", "vi"));

        cut.Find("textarea[data-testid=response-fact]").Input("Không có chuyện thu phí môi trường 2 triệu đồng mỗi hộ.");
        clock.Advance(ResponseEditor.SaveDelay);

        cut.WaitForAssertion(() => Assert.Contains("Chưa lưu", cut.Find("[data-testid=response-saved]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Hãy chọn một kênh trong danh sách.", cut.Markup, StringComparison.Ordinal);
    }
}
