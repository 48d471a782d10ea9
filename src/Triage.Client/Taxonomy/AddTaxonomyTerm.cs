using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Taxonomy;

/// <summary>A new term, offered after the existing ones.</summary>
[AllowRoles(Role.Admin)]
public sealed class AddTaxonomyTerm : ICommand<Unit>, IValidatableObject
{
    public TermKind Kind { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(40, ErrorMessage = FieldRules.TooLong)]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(TaxonomyRules.MaxLabelLength, ErrorMessage = FieldRules.TooLong)]
    public string LabelVi { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(TaxonomyRules.MaxLabelLength, ErrorMessage = FieldRules.TooLong)]
    public string LabelEn { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TaxonomyRules.IsCode(Code?.Trim()))
            yield return FieldRules.Error(TaxonomyRules.CodeShape, nameof(Code));
    }
}
