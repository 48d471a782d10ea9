using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Taxonomy;

[AllowSignedIn]
public sealed record GetTaxonomy : IRequest<TaxonomyTerms>;

public sealed record TaxonomyTerms(IReadOnlyList<Term> Verdicts, IReadOnlyList<Term> Categories, IReadOnlyList<Term> Platforms);

public sealed record Term(string Code, TermLabels Labels)
{
    public string Label(string language) => language.StartsWith("vi", StringComparison.OrdinalIgnoreCase) ? Labels.Vi : Labels.En;
}

public sealed record TermLabels(string Vi, string En);
