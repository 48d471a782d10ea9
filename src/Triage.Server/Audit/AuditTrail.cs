using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Triage.Client.Audit;
using Triage.Server.Data;

namespace Triage.Server.Audit;

public sealed record AuditEntry(long? ActorUserId, string Actor, string Action, string? EntityType, string? EntityId, string Data);

/// <summary>
/// Appends events to the hash-chained audit log and checks the chain. Appending must happen
/// inside a write transaction (SQLite's BEGIN IMMEDIATE), which keeps the chain linear.
/// </summary>
public sealed class AuditTrail(TimeProvider clock)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public async Task<long> AppendAsync(DbConnection connection, DbTransaction tx, AuditEntry entry)
    {
        var head = await connection.QuerySingleOrDefaultAsync<(long Id, string Hash)?>(
            "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1", transaction: tx);
        var id = (head?.Id ?? 0) + 1;
        var prev = head?.Hash ?? GenesisHash;
        var at = DapperSetup.Format(clock.GetUtcNow());
        var row = new Row
        {
            Id = id, OccurredAt = at, ActorUserId = entry.ActorUserId, Actor = entry.Actor, Action = entry.Action,
            EntityType = entry.EntityType, EntityId = entry.EntityId, Data = entry.Data, PrevHash = prev,
        };
        row.Hash = HashOf(row);
        await connection.ExecuteAsync("""
            INSERT INTO audit_events (id, occurred_at, actor_user_id, actor, action, entity_type, entity_id, data, prev_hash, hash)
            VALUES (@Id, @OccurredAt, @ActorUserId, @Actor, @Action, @EntityType, @EntityId, @Data, @PrevHash, @Hash)
            """, row, tx);
        return id;
    }

    /// <summary>
    /// Walks the whole chain in id order and stops at the first event that is missing, unlinked or changed.
    /// The one check of the chain: the <c>audit verify</c> verb and the desk's VerifyAuditChain both end here.
    /// </summary>
    public static AuditChainReport Verify(DbConnection connection, CancellationToken ct = default)
    {
        var expectedPrev = GenesisHash;
        long count = 0, expectedId = 1;
        foreach (var row in connection.Query<Row>(
                     """
                     SELECT id AS Id, occurred_at AS OccurredAt, actor_user_id AS ActorUserId, actor AS Actor, action AS Action,
                            entity_type AS EntityType, entity_id AS EntityId, data AS Data, prev_hash AS PrevHash, hash AS Hash
                     FROM audit_events ORDER BY id
                     """, buffered: false))
        {
            if (count % 4096 == 0) ct.ThrowIfCancellationRequested();
            if (row.Id != expectedId)
                return new AuditChainReport(false, count, expectedId, $"Event {expectedId} is missing (next present is {row.Id}).", AuditBreak.Missing);
            if (row.PrevHash != expectedPrev)
                return Broken(row, AuditBreak.Unlinked, $"Event {row.Id} does not link to the event before it.");
            if (HashOf(row) != row.Hash)
                return Broken(row, AuditBreak.Changed, $"Event {row.Id} was changed after it was written.");
            expectedPrev = row.Hash;
            expectedId++;
            count++;
        }
        return new AuditChainReport(true, count);

        AuditChainReport Broken(Row row, AuditBreak kind, string reason) =>
            new(false, count, row.Id, reason, kind, DapperSetup.Parse(row.OccurredAt), row.Action);
    }

    private static string HashOf(Row r)
    {
        var canonical = string.Join('\u001f', r.PrevHash, r.Id, r.OccurredAt, r.ActorUserId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            r.Actor, r.Action, r.EntityType ?? "", r.EntityId ?? "", r.Data);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string OccurredAt { get; init; } = "";
        public long? ActorUserId { get; init; }
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public string? EntityType { get; init; }
        public string? EntityId { get; init; }
        public string Data { get; init; } = "";
        public string PrevHash { get; init; } = "";
        public string Hash { get; set; } = "";
    }
}
