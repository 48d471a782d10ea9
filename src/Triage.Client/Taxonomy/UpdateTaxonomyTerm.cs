using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Taxonomy;

/// <summary>New labels for a term; its code never changes, since cases hold it.</summary>
[AllowRoles(Role.Admin)]
public sealed class UpdateTaxonomyTerm : ICommand<Unit>
{
    public TermKind Kind { get; set; }

    public string Code { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(TaxonomyRules.MaxLabelLength, ErrorMessage = FieldRules.TooLong)]
    public string LabelVi { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(TaxonomyRules.MaxLabelLength, ErrorMessage = FieldRules.TooLong)]
    public string LabelEn { get; set; } = "";
}
