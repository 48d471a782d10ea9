using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Account;

/// <summary>Revokes one of the caller's own tokens; another user's token is "not found".</summary>
[AllowSignedIn]
public sealed record RevokeApiToken(long Id) : ICommand<Unit>;
