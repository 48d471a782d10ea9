using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Triage.Server.Pipeline;

/// <summary>The principal behind the current scope: a circuit's user, an HTTP request's user, or the system.</summary>
public interface ICurrentUser
{
    Task<ClaimsPrincipal?> GetPrincipalAsync();
    bool IsSystem { get; }
}

/// <summary>
/// Inside a circuit HttpContext is stale or absent, so the circuit's authentication state is
/// asked instead; a plain HTTP request (API, prerender, sign-in form) has its own user.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http, AuthenticationStateProvider authState, CircuitPresence circuit) : ICurrentUser
{
    public bool IsSystem => false;

    public async Task<ClaimsPrincipal?> GetPrincipalAsync()
    {
        if (circuit.InCircuit)
            return (await authState.GetAuthenticationStateAsync()).User;
        return http.HttpContext?.User;
    }
}

/// <summary>Used by the admin verbs, which run without a web request.</summary>
public sealed class SystemUser : ICurrentUser
{
    public bool IsSystem => true;
    public Task<ClaimsPrincipal?> GetPrincipalAsync() => Task.FromResult<ClaimsPrincipal?>(null);
}

/// <summary>Marks a DI scope as a Blazor circuit's.</summary>
public sealed class CircuitPresence
{
    public bool InCircuit { get; internal set; }
}

public sealed class CircuitPresenceHandler(CircuitPresence presence) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.InCircuit = true;
        return Task.CompletedTask;
    }
}
