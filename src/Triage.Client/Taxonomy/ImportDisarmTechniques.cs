using Triage.Client.Pipeline;

namespace Triage.Client.Taxonomy;

/// <summary>
/// Updates the DISARM techniques from a CSV in the framework's export shape (disarm_id or id, name, tactic_id; other
/// columns such as summary are ignored). All or nothing: a file with any row error changes nothing.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record ImportDisarmTechniques([property: Secret] byte[] Content) : ICommand<DisarmImportResult>;
