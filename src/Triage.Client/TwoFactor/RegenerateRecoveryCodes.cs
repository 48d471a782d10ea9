using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.TwoFactor;

/// <summary>Replaces every recovery code of the caller (used or not) with ten new ones; needs a current code from the app.</summary>
[AllowSignedIn]
public sealed class RegenerateRecoveryCodes : ICommand<RecoveryCodes>
{
    [Secret, Required(ErrorMessage = FieldRules.Required), StringLength(16, ErrorMessage = FieldRules.TooLong)]
    public string Code { get; set; } = "";
}
