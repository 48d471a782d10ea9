using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authentication.Cookies;
using Triage.Client.Pipeline;
using Triage.Server.Data;
using Triage.Server.TwoFactor;

namespace Triage.Server.Pipeline;

/// <summary>
/// Checks every request, from a page or the API alike: signed in, a role that may send it (else 403),
/// and the target inside the caller's unit subtree (else 404). A browser session whose role requires two-factor
/// sign-in that is not set up yet may only send what the enrolment page needs (else 403), whatever the page.
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResult>(
    ICurrentUser currentUser, ActorLoader actors, TwoFactorRequirement twoFactor, Db db, IServiceProvider services)
    : IPipelineBehavior<TRequest, TResult>
{
    public async Task<TResult> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResult> next)
    {
        var rule = AccessRule.For(typeof(TRequest));
        var (actor, principal) = await ResolveActorAsync(cancellationToken);
        if (actor is null)
        {
            if (!rule.Anonymous) throw new NotSignedInException();
            actor = Actor.Anonymous;
        }
        if (rule.SystemOnly && !actor.IsSystem)
            throw new ForbiddenException();
        if (rule.Roles is { } roles && !actor.HasAny(roles))
            throw new ForbiddenException();
        if (!rule.Anonymous && !rule.BeforeTwoFactorEnrolment && await MustEnrolFirstAsync(principal, actor, cancellationToken))
            throw new ForbiddenException();

        if (services.GetService(typeof(IScopeRule<TRequest>)) is IScopeRule<TRequest> scope &&
            !await scope.InScopeAsync(request, actor, cancellationToken))
            throw new NotFoundException(typeof(TRequest).Name, outOfScope: true);

        RequestContext.Enter(actor);
        return await next();
    }

    private async Task<(Actor? Actor, ClaimsPrincipal? Principal)> ResolveActorAsync(CancellationToken ct)
    {
        if (currentUser.IsSystem) return (Actor.System, null);
        var principal = await currentUser.GetPrincipalAsync();
        if (principal?.UserId() is null) return (null, principal);
        return (await actors.LoadAsync(principal, ct) ?? throw new NotSignedInException(), principal);
    }

    /// <summary>
    /// Only cookie sessions: an API token was issued by someone already signed in, and the admin verbs run on the
    /// server's own machine. Asked of the database only for holders of a required role.
    /// </summary>
    private async Task<bool> MustEnrolFirstAsync(ClaimsPrincipal? principal, Actor actor, CancellationToken ct)
    {
        if (principal?.Identity?.AuthenticationType != CookieAuthenticationDefaults.AuthenticationScheme ||
            actor.UserId is not { } userId || !twoFactor.RequiredFor(actor.Roles))
            return false;
        await using var connection = await db.OpenAsync(ct);
        return await twoFactor.MustEnrolAsync(connection, userId);
    }
}
