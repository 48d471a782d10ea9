using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Taxonomy;

/// <summary>The kind's whole order, every code (retired ones too) exactly once.</summary>
[AllowRoles(Role.Admin)]
public sealed class ReorderTaxonomyTerms : ICommand<Unit>
{
    public TermKind Kind { get; set; }

    [Required(ErrorMessage = FieldRules.Required)]
    public IReadOnlyList<string> Codes { get; set; } = [];
}
