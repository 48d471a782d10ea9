using System.Text.Json.Serialization;
using Triage.Client.Pipeline;

namespace Triage.Client.Responses;

/// <summary>Rewrites a draft; only its author, and only while it is still a draft.</summary>
[AllowRoles(Role.Reviewer, Role.Responder)]
public sealed class UpdateDraft : ResponseContent, IResponseRequest, ICommand<ResponseSaved>
{
    [JsonIgnore]
    public long ResponseId { get; set; }
}
