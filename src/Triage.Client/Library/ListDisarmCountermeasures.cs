using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Library;

/// <summary>The DISARM countermeasures a library message may be tagged with (reference data, CC BY-SA 4.0), by ID.</summary>
[AllowSignedIn]
public sealed record ListDisarmCountermeasures : IRequest<IReadOnlyList<DisarmCountermeasure>>;

/// <param name="Id">C00006 ...</param>
/// <param name="Metatechnique">"M010 - Countermessaging" ...: the kind of response.</param>
public sealed record DisarmCountermeasure(string Id, string Name, string Metatechnique);
