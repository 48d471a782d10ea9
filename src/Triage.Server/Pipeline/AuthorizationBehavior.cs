using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Server.Pipeline;

/// <summary>
/// Checks every request, from a page or the API alike: signed in, a role that may send it (else 403),
/// and the target inside the caller's unit subtree (else 404).
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResult>(
    ICurrentUser currentUser, ActorLoader actors, IServiceProvider services) : IPipelineBehavior<TRequest, TResult>
{
    public async Task<TResult> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResult> next)
    {
        var rule = AccessRule.For(typeof(TRequest));
        var actor = await ResolveActorAsync(cancellationToken);
        if (actor is null)
        {
            if (!rule.Anonymous) throw new NotSignedInException();
            actor = Actor.Anonymous;
        }
        if (rule.SystemOnly && !actor.IsSystem)
            throw new ForbiddenException();
        if (rule.Roles is { } roles && !actor.HasAny(roles))
            throw new ForbiddenException();

        if (services.GetService(typeof(IScopeRule<TRequest>)) is IScopeRule<TRequest> scope &&
            !await scope.InScopeAsync(request, actor, cancellationToken))
            throw new NotFoundException(typeof(TRequest).Name, outOfScope: true);

        RequestContext.Enter(actor);
        return await next();
    }

    private async Task<Actor?> ResolveActorAsync(CancellationToken ct)
    {
        if (currentUser.IsSystem) return Actor.System;
        var principal = await currentUser.GetPrincipalAsync();
        if (principal?.UserId() is null) return null;
        return await actors.LoadAsync(principal, ct) ?? throw new NotSignedInException();
    }
}
