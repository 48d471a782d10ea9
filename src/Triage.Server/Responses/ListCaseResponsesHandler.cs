using System.Data.Common;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.Responses;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Responses;

public sealed class ListCaseResponsesHandler(Db db) : QueryHandler<ListCaseResponses, IReadOnlyList<CaseResponse>>(db)
{
    protected override async Task<IReadOnlyList<CaseResponse>> Handle(ListCaseResponses request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<Row>("""
            SELECT m.id AS Id, m.case_id AS CaseId, a.id AS AuthorId, a.email AS AuthorEmail, a.name AS AuthorName,
                   m.kind AS Kind, m.channel AS Channel, m.language AS Language, m.fact AS Fact, m.myth AS Myth, m.fallacy AS Fallacy, m.fact_again AS FactAgain,
                   m.text AS Text, m.status AS Status, p.id AS ApproverId, p.email AS ApproverEmail, p.name AS ApproverName,
                   m.published_url AS PublishedUrl, m.published_at AS PublishedAt, m.created_at AS CreatedAt,
                   q.requires_approval AS ApprovalRequired
            FROM counter_messages m JOIN users a ON a.id = m.author_user_id LEFT JOIN users p ON p.id = m.approved_by
                 JOIN cases c ON c.id = m.case_id JOIN queues q ON q.id = c.queue_id
            WHERE m.case_id = @CaseId
            ORDER BY m.id
            """, new { request.CaseId })).ToList();
        var reach = await RecordReachHandler.ReadAsync(connection, rows.Select(r => r.Id).ToList());
        return rows.Select(r => new CaseResponse(r.Id, r.CaseId, new Person(r.AuthorId, r.AuthorEmail, r.AuthorName),
            r.Kind, r.Channel, r.Language, r.Fact, r.Myth, r.Fallacy, r.Text, ResponseStatuses.Parse(r.Status),
            r.ApproverId is { } approver ? new Person(approver, r.ApproverEmail!, r.ApproverName!) : null,
            r.PublishedUrl, r.PublishedAt is { } at ? DapperSetup.Parse(at) : null, DapperSetup.Parse(r.CreatedAt), reach[r.Id])
        {
            FactAgain = r.FactAgain,
            ApprovalRequired = r.ApprovalRequired,
        }).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long CaseId { get; init; }
        public long AuthorId { get; init; }
        public string AuthorEmail { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Language { get; init; } = "";
        public string? Fact { get; init; }
        public string? Myth { get; init; }
        public string? Fallacy { get; init; }
        public string? FactAgain { get; init; }
        public bool ApprovalRequired { get; init; }
        public string Text { get; init; } = "";
        public string Status { get; init; } = "";
        public long? ApproverId { get; init; }
        public string? ApproverEmail { get; init; }
        public string? ApproverName { get; init; }
        public string? PublishedUrl { get; init; }
        public string? PublishedAt { get; init; }
        public string CreatedAt { get; init; } = "";
    }
}
