using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>
/// Hands a triaged case to a responder, or moves it to another. The responder must work on the
/// owning unit's line: at that unit, above it or below it (not in a sibling branch). With
/// <see cref="Auto"/> the case's queue picks the responder by its strategy (round robin or least load).
/// </summary>
[AllowRoles(Role.Reviewer)]
public sealed class AssignCase : VersionedCaseCommand, ICommand<CaseChanged>, IValidatableObject
{
    [EmailAddress(ErrorMessage = FieldRules.Email), StringLength(320, ErrorMessage = FieldRules.TooLong)]
    public string? ResponderEmail { get; set; }

    public bool Auto { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Auto && string.IsNullOrWhiteSpace(ResponderEmail))
            yield return FieldRules.Error(FieldRules.Required, nameof(ResponderEmail));
    }
}
