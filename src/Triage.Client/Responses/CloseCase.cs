using System.ComponentModel.DataAnnotations;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Responses;

/// <summary>Ends the work on a case with an outcome; the assigned responder may close only a responded case.</summary>
[AllowRoles(Role.Reviewer, Role.Responder)]
public sealed class CloseCase : VersionedCaseCommand, ICommand<CaseChanged>, IValidatableObject
{
    [Required(ErrorMessage = FieldRules.Required)]
    public string Outcome { get; set; } = "";

    [StringLength(1000, ErrorMessage = FieldRules.TooLong)]
    public string? Reason { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Outcome) && !ResponseCodes.Outcomes.Contains(Outcome))
            yield return FieldRules.Error(ResponseRules.UnknownOutcome, nameof(Outcome));
    }
}
