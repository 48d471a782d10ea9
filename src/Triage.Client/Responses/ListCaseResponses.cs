using System.Text.Json.Serialization;
using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Responses;

/// <summary>A case's counter-messages, oldest first, each with its latest reach, for the case page.</summary>
[AllowRoles(Role.Reviewer, Role.Responder, Role.Coordinator)]
public sealed record ListCaseResponses(long CaseId) : ICaseRequest, IRequest<IReadOnlyList<CaseResponse>>;

public sealed record CaseResponse(long Id, long CaseId, Person Author, string Kind, string Channel, string Language,
    string? Fact, string? Myth, string? Fallacy, string Text,
    [property: JsonConverter(typeof(ResponseStatusConverter))] ResponseStatus Status,
    Person? ApprovedBy, string? PublishedUrl, DateTimeOffset? PublishedAt, DateTimeOffset CreatedAt, ResponseReach Reach)
{
    public string? FactAgain { get; init; }

    /// <summary>The case's queue asks a second reviewer to approve its messages before they count as published.</summary>
    public bool ApprovalRequired { get; init; }
}
