using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Account;

/// <summary>Issues a bearer token for the caller; the token is shown once and stored only as a hash.</summary>
[AllowSignedIn]
public sealed class IssueApiToken : ICommand<IssuedApiToken>
{
    [Required(ErrorMessage = FieldRules.Required), StringLength(100, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";
}

public sealed record IssuedApiToken(long Id, string Name, string Token);
