using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Account;

/// <summary>Revokes one of the caller's own tokens, or as an admin one of a user's in their subtree; any other token is "not found".</summary>
[AllowSignedIn]
public sealed record RevokeApiToken(long Id) : ICommand<Unit>;
