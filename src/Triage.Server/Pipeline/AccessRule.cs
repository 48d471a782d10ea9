using System.Collections.Concurrent;
using System.Reflection;
using Triage.Client.Pipeline;

namespace Triage.Server.Pipeline;

/// <summary>The access a request type declares with its attribute; a request declaring none is refused.</summary>
public sealed record AccessRule(bool Anonymous, IReadOnlyList<Role>? Roles, bool SystemOnly = false)
{
    /// <summary>Sent by the enrolment page or its layout, so allowed before a required two-factor set-up.</summary>
    public bool BeforeTwoFactorEnrolment { get; private init; }

    private static readonly ConcurrentDictionary<Type, AccessRule> Cache = new();

    public static AccessRule For(Type requestType) => Cache.GetOrAdd(requestType, static type => Declared(type) with
    {
        BeforeTwoFactorEnrolment = type.GetCustomAttribute<AllowBeforeTwoFactorEnrolmentAttribute>() is not null,
    });

    private static AccessRule Declared(Type type)
    {
        if (type.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null) return new AccessRule(true, null);
        if (type.GetCustomAttribute<AllowSystemOnlyAttribute>() is not null) return new AccessRule(false, [], SystemOnly: true);
        if (type.GetCustomAttribute<AllowSignedInAttribute>() is not null) return new AccessRule(false, null);
        if (type.GetCustomAttribute<AllowRolesAttribute>() is { } roles) return new AccessRule(false, roles.Roles);
        throw new InvalidOperationException(
            $"{type.Name} declares no access rule: add [AllowRoles], [AllowSignedIn], [AllowAnonymousRequest] or [AllowSystemOnly].");
    }
}

/// <summary>
/// Says whether the thing a request targets lies in the actor's scope. Outside scope the
/// pipeline answers 404, as if the thing did not exist.
/// </summary>
public interface IScopeRule<in TRequest>
{
    Task<bool> InScopeAsync(TRequest request, Actor actor, CancellationToken ct);
}
