using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Triage.Tests.Support;

namespace Triage.Tests.Components;

/// <summary>
/// Components over the real use cases: a real mediator and pipeline on a temporary desk, each context signed in
/// as a demo user, so a test sees what the server would accept or refuse, not what a fake says.
/// </summary>
public abstract class RealDeskComponentTests : IAsyncLifetime
{
    private readonly List<IServiceScope> _scopes = [];

    protected TestDesk Desk { get; private set; } = default!;

    public async Task InitializeAsync() => Desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var scope in _scopes) scope.Dispose();
        await Desk.DisposeAsync();
    }

    protected async Task<BunitContext> ContextFor(string email)
    {
        var principal = await Desk.PrincipalOf(email);
        var scope = Desk.Services.CreateScope();
        _scopes.Add(scope);
        scope.ServiceProvider.GetRequiredService<TestUser>().Principal = principal;
        return ComponentContext.Create("en-US", s => s.AddSingleton(scope.ServiceProvider.GetRequiredService<MediatR.IMediator>()));
    }
}
