using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Taxonomy;

/// <summary>Every term of one kind, retired ones included, in the order the desk offers them.</summary>
[AllowRoles(Role.Admin)]
public sealed record ListTaxonomyTerms(TermKind Kind) : IRequest<IReadOnlyList<TaxonomyTerm>>;

public sealed record TaxonomyTerm(TermKind Kind, string Code, string LabelVi, string LabelEn, int SortOrder, DateTimeOffset? RetiredAt)
{
    public bool Retired => RetiredAt is not null;
}
