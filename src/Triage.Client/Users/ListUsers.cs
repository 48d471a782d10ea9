using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Users;

/// <summary>Users of the caller's subtree, filtered; keyset-paged by email. Coordinators read it to find whom to reset.</summary>
[AllowRoles(Role.Coordinator)]
public sealed record ListUsers(string? Search = null, Role? WithRole = null, long? UnitId = null,
    bool IncludeDisabled = true, string? After = null, int Limit = 50) : IRequest<UserPage>;

public sealed record UserPage(IReadOnlyList<UserSummary> Items, string? NextCursor);
