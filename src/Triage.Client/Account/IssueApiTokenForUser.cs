using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Account;

/// <summary>The <c>tokens issue</c> verb: a token for a named user, issued by the operator of the server.</summary>
[AllowSystemOnly]
public sealed class IssueApiTokenForUser : ICommand<IssuedApiToken>
{
    [Required(ErrorMessage = FieldRules.Required)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(100, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";
}
