using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Retention;

/// <summary>
/// The caller erases their own account: their reports stay, pseudonymised, without their name; the screenshots
/// only they sent are deleted; the account can no longer sign in. Cannot be undone. The last active admin is refused.
/// </summary>
[AllowSignedIn]
public sealed class DeleteMyAccount : ICommand<Unit>
{
    /// <summary>The current password: a session or token left open is not enough to erase someone.</summary>
    [Secret, Required(ErrorMessage = FieldRules.Required)]
    public string Password { get; set; } = "";
}

public static class RetentionCodes
{
    public const string LastAdmin = "Retention.LastAdmin";
}
