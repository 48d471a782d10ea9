using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Taxonomy;

/// <summary>Retires a term (no longer offered, still labelled where it was used) or brings it back.</summary>
[AllowRoles(Role.Admin)]
public sealed record SetTaxonomyTermRetired(TermKind Kind, string Code, bool Retired) : ICommand<Unit>;
