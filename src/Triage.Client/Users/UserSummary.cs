using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Client.Users;

public sealed record UserSummary(long Id, string Email, string Name, IReadOnlyList<Role> Roles, UnitRef Unit,
    bool Disabled, DateTimeOffset? LastSignInAt);
