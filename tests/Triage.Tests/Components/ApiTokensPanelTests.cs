using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Account;
using Triage.Tests.Support;

namespace Triage.Tests.Components;

/// <summary>The panel over the real use cases: a real mediator and pipeline on a temporary desk.</summary>
public sealed class ApiTokensPanelTests : RealDeskComponentTests
{
    [Fact]
    public async Task Creating_a_token_shows_it_once_and_lists_it_by_its_label()
    {
        await using var ctx = await ContextFor("responder@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<ApiTokensPanel>();
        cut.WaitForAssertion(() => Assert.Contains("You have no tokens.", cut.Markup));

        cut.Find("input").Change("newsroom bot");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("newsroom bot", cut.Find("table").TextContent));
        var token = cut.Find("[data-testid=new-token] code").TextContent;
        Assert.StartsWith("trg_", token);
        Assert.Equal(1, await Desk.Scalar<long>("SELECT count(*) FROM api_tokens WHERE name = 'newsroom bot'"));
    }

    [Fact]
    public async Task An_empty_label_shows_the_field_message_in_vietnamese()
    {
        await using var ctx = await ContextFor("responder@demo.local");
        ComponentContext.UseCulture("vi-VN");
        var cut = ctx.Render<ApiTokensPanel>();

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Bắt buộc nhập.", cut.Markup));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM api_tokens"));
    }
}
