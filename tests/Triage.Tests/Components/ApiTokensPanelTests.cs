using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Account;
using Triage.Tests.Support;

namespace Triage.Tests.Components;

/// <summary>The panel over the real use cases: a real mediator and pipeline on a temporary desk.</summary>
public sealed class ApiTokensPanelTests : IAsyncLifetime
{
    private TestDesk _desk = default!;
    private readonly List<IServiceScope> _scopes = [];

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var scope in _scopes) scope.Dispose();
        await _desk.DisposeAsync();
    }

    private async Task<Bunit.BunitContext> ContextFor(string email)
    {
        var principal = await _desk.PrincipalOf(email);
        var scope = _desk.Services.CreateScope();
        _scopes.Add(scope);
        scope.ServiceProvider.GetRequiredService<TestUser>().Principal = principal;
        return ComponentContext.Create("en-US", s => s.AddSingleton(scope.ServiceProvider.GetRequiredService<MediatR.IMediator>()));
    }

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
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM api_tokens WHERE name = 'newsroom bot'"));
    }

    [Fact]
    public async Task An_empty_label_shows_the_field_message_in_vietnamese()
    {
        await using var ctx = await ContextFor("responder@demo.local");
        ComponentContext.UseCulture("vi-VN");
        var cut = ctx.Render<ApiTokensPanel>();

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Bắt buộc nhập.", cut.Markup));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM api_tokens"));
    }
}
