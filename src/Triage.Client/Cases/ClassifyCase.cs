using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>
/// A reviewer says what the case is: a verdict and a category from the taxonomy, a severity from 1
/// (minor) to 4 (urgent), and optionally the DISARM techniques it shows. Reclassifying replaces all of it.
/// </summary>
[AllowRoles(Role.Reviewer)]
public sealed class ClassifyCase : VersionedCaseCommand, ICommand<CaseChanged>
{
    public const int MaxTechniques = 20;

    [Required(ErrorMessage = FieldRules.Required), StringLength(64, ErrorMessage = FieldRules.TooLong)]
    public string Verdict { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(64, ErrorMessage = FieldRules.TooLong)]
    public string Category { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), Range(1, 4, ErrorMessage = FieldRules.OutOfRange)]
    public int? Severity { get; set; }

    [MaxLength(MaxTechniques, ErrorMessage = FieldRules.TooMany)]
    public IReadOnlyList<string>? DisarmTechniques { get; set; }

    [StringLength(2000, ErrorMessage = FieldRules.TooLong)]
    public string? Note { get; set; }
}
