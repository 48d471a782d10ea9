using Triage.Client.Pipeline;

namespace Triage.Client.Users;

public sealed record UserFilter(string? Search = null, Role? Role = null, long? UnitId = null, bool IncludeDisabled = true)
{
    public ListUsers ToRequest(string? after) => new(Search, Role, UnitId, IncludeDisabled, after);
}
