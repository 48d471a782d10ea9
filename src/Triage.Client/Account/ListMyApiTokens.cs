using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Account;

[AllowSignedIn]
public sealed record ListMyApiTokens : IRequest<IReadOnlyList<ApiTokenInfo>>;

public sealed record ApiTokenInfo(long Id, string Name, string Prefix, DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
