using Triage.Client.Pipeline;

namespace Triage.Client.Responses;

/// <summary>
/// The author hands a draft to the reviewers where the case's queue requires approval: it waits for a
/// reviewer other than the author, and the owning unit's reviewers are told.
/// </summary>
[AllowRoles(Role.Reviewer, Role.Responder)]
public sealed record RequestApproval(long ResponseId) : IResponseRequest, ICommand<ResponseSaved>;
