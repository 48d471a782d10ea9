namespace Triage.Client.Pipeline;

/// <summary>
/// Every request declares who may send it; the server's pipeline refuses a request type
/// that declares nothing, so a new use case cannot ship open by accident.
/// Admin passes every role check.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowRolesAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}

/// <summary>Any signed-in user, whatever their roles.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowSignedInAttribute : Attribute;

/// <summary>No sign-in needed (signing in itself).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowAnonymousRequestAttribute : Attribute;

/// <summary>Only the admin verbs, run on the server's own machine, may send this.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowSystemOnlyAttribute : Attribute;

/// <summary>
/// May be sent by someone whose role requires two-factor sign-in before they have set it up: what the enrolment
/// page and the layout around it need. Everything else waits until they have.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowBeforeTwoFactorEnrolmentAttribute : Attribute;

/// <summary>Kept out of the audit trail and logs (passwords, tokens).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
