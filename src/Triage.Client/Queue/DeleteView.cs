using Triage.Client.Pipeline;

namespace Triage.Client.Queue;

/// <summary>Deletes one of the caller's saved views; someone else's view does not exist for them (404).</summary>
[AllowRoles(Role.Reviewer, Role.Responder, Role.Coordinator)]
public sealed record DeleteView(long ViewId) : ICommand<bool>;
