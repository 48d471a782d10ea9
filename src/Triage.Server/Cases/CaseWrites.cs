using Dapper;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// The two halves every versioned case command shares: check the caller's version and the transition
/// table before changing anything, then change the row only if its version is still the one checked.
/// The write transaction is immediate, so the second check only matters if that ever changes; it is cheap.
/// </summary>
public static class CaseWrites
{
    public sealed record Current(long Id, CaseStatus Status, long Version, long OwnerUnitId, string OwnerPath, long Expected, CaseStatus To);

    public static async Task<Current> BeginAsync(Work work, IVersionedCaseCommand request, CaseAction action, string? outcome = null)
    {
        if (request.ExpectedVersion is not { } expected) throw new PreconditionRequiredException();
        var row = await work.Connection.QuerySingleOrDefaultAsync<Row>("""
            SELECT c.status AS Status, c.version AS Version, c.verdict IS NOT NULL AS Classified,
                   c.status_before_escalation AS StatusBeforeEscalation, c.owner_unit_id AS OwnerUnitId, o.path AS OwnerPath
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
            WHERE c.id = @CaseId
            """, new { request.CaseId }, work.Transaction) ?? throw new NotFoundException("Case");
        if (row.Version != expected) throw new PreconditionFailedException(row.Version);

        var status = CaseStatuses.Parse(row.Status);
        var facts = new CaseFacts(status, row.Classified,
            row.StatusBeforeEscalation is { } before ? CaseStatuses.Parse(before) : null, outcome);
        if (!CaseTransitions.TryNext(action, facts, out var to))
            throw new ConflictException(CaseRules.IllegalTransition,
                $"A case that is {status.Code()} cannot take this action ({action}).");
        return new Current(request.CaseId, status, row.Version, row.OwnerUnitId, row.OwnerPath, expected, to);
    }

    /// <summary>
    /// Moves the case to <see cref="Current.To"/>, bumps its version and applies <paramref name="set"/> (more SET clauses).
    /// <paramref name="set"/> is always a constant written in a handler (column = @parameter); every value travels in <paramref name="args"/>.
    /// </summary>
    public static async Task<CaseChanged> CommitAsync(Work work, Current current, string? set = null, object? args = null)
    {
        var parameters = new DynamicParameters(args);
        parameters.AddDynamicParams(new { current.Id, current.Expected, to = current.To.Code(), work.Now });
        var changed = await work.Connection.ExecuteAsync($"""
            UPDATE cases SET status = @to, version = version + 1, updated_at = @Now{(set is null ? "" : ", " + set)}
            WHERE id = @Id AND version = @Expected
            """, parameters, work.Transaction);
        if (changed == 0)
            throw new PreconditionFailedException(await work.Connection.ExecuteScalarAsync<long>(
                "SELECT version FROM cases WHERE id = @Id", new { current.Id }, work.Transaction));

        work.Subject("case", current.Id);
        work.Detail("from", current.Status.Code());
        work.Detail("to", current.To.Code());
        work.Detail("version", current.Version + 1);
        return new CaseChanged(current.Id, current.To, current.Version + 1);
    }

    private sealed class Row
    {
        public string Status { get; init; } = "";
        public long Version { get; init; }
        public bool Classified { get; init; }
        public string? StatusBeforeEscalation { get; init; }
        public long OwnerUnitId { get; init; }
        public string OwnerPath { get; init; } = "";
    }
}
