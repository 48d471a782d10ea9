using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Account;

/// <summary>The signed-in user's own settings.</summary>
[AllowSignedIn]
public sealed record GetPreferences : IRequest<Preferences>;

/// <param name="BlurEvidence">Screenshots start blurred until clicked (the default): reviewers see hateful or graphic posts all day.</param>
/// <param name="TimeZone">The zone every page shows times in (an IANA id), or null for the desk's own.</param>
public sealed record Preferences(bool BlurEvidence, string? TimeZone = null);
