using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Account;

/// <summary>The API tokens of the users in the admin's subtree (or of one unit's subtree within it), active ones first.</summary>
[AllowRoles(Role.Admin)]
public sealed record ListApiTokens(long? UnitId = null, bool IncludeRevoked = true) : IRequest<IReadOnlyList<UserApiToken>>;

public sealed record UserApiToken(long Id, long UserId, string UserEmail, string UserName, string Name, string Prefix,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
