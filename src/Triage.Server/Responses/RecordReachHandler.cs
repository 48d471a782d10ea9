using System.Data.Common;
using Dapper;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Responses;

/// <summary>Readings are appended, never overwritten, so the history shows how a message travelled.</summary>
public sealed class RecordReachHandler : CommandHandler<RecordReach, ResponseReach>
{
    protected override async Task<ResponseReach> Handle(RecordReach request, Work work, CancellationToken ct)
    {
        var message = await ResponseWrites.LoadAsync(work, request.ResponseId);
        if (message.State != ResponseStatus.Published)
            throw new ConflictException(ResponseRules.NotPublished, "Reach can be recorded only for a published message.");
        await work.Connection.ExecuteAsync("""
            INSERT INTO counter_message_reach (counter_message_id, views, reactions, shares, comments, recorded_at, recorded_by)
            VALUES (@ResponseId, @Views, @Reactions, @Shares, @Comments, @Now, @by)
            """, new { request.ResponseId, request.Views, request.Reactions, request.Shares, request.Comments, work.Now, by = work.Actor.UserId }, work.Transaction);
        work.Subject("case", message.CaseId);
        work.Detail("response", message.Id);
        return (await ReadAsync(work.Connection, [message.Id], work.Transaction))[message.Id];
    }

    /// <summary>Each message's latest figure of each kind (a reading may leave some out) and its readings, newest first.</summary>
    public static async Task<Dictionary<long, ResponseReach>> ReadAsync(DbConnection connection, IReadOnlyList<long> ids, DbTransaction? transaction = null)
    {
        var rows = (await connection.QueryAsync<Row>($"""
            SELECT counter_message_id AS ResponseId, views AS Views, reactions AS Reactions, shares AS Shares, comments AS Comments,
                   recorded_at AS RecordedAt, recorded_by AS RecordedBy
            FROM counter_message_reach WHERE counter_message_id {connection.InList("@ids")}
            ORDER BY id DESC
            """, new { ids }, transaction)).ToList();
        return ids.ToDictionary(id => id, id =>
        {
            var history = rows.Where(r => r.ResponseId == id)
                .Select(r => new ReachReading(r.Views, r.Reactions, r.Shares, r.Comments, DapperSetup.Parse(r.RecordedAt), r.RecordedBy)).ToList();
            return new ResponseReach(id, history.Select(h => h.Views).FirstOrDefault(v => v is not null),
                history.Select(h => h.Reactions).FirstOrDefault(v => v is not null),
                history.Select(h => h.Shares).FirstOrDefault(v => v is not null),
                history.Select(h => h.Comments).FirstOrDefault(v => v is not null), history);
        });
    }

    private sealed class Row
    {
        public long ResponseId { get; init; }
        public long? Views { get; init; }
        public long? Reactions { get; init; }
        public long? Shares { get; init; }
        public long? Comments { get; init; }
        public string RecordedAt { get; init; } = "";
        public long RecordedBy { get; init; }
    }
}
