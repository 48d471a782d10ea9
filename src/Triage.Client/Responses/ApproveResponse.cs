using Triage.Client.Pipeline;

namespace Triage.Client.Responses;

/// <summary>A second reviewer's approval, needed before publishing where the case's queue asks for it.</summary>
[AllowRoles(Role.Reviewer)]
public sealed record ApproveResponse(long ResponseId) : IResponseRequest, ICommand<ResponseSaved>;
