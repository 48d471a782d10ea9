using System.Data.Common;
using Dapper;
using Triage.Client.Onboarding;
using Triage.Client.Units;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Onboarding;

public sealed class ListInvitesHandler(Db db, TimeProvider clock) : QueryHandler<ListInvites, IReadOnlyList<InviteSummary>>(db)
{
    public const int MaxLimit = 500;

    protected override async Task<IReadOnlyList<InviteSummary>> Handle(ListInvites request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await connection.QueryAsync<Row>("""
            SELECT i.id AS Id, o.id AS UnitId, o.code AS UnitCode, o.name AS UnitName, u.name AS CreatedBy,
                   i.created_at AS CreatedAt, i.expires_at AS ExpiresAt, i.max_uses AS MaxUses, i.uses AS Uses, i.revoked_at AS RevokedAt
            FROM invites i JOIN org_units o ON o.id = i.unit_id LEFT JOIN users u ON u.id = i.created_by
            WHERE substr(o.path, 1, length(@UnitPath)) = @UnitPath
            ORDER BY i.id DESC
            LIMIT @take
            """, new { actor.UnitPath, take = Math.Clamp(request.Limit, 1, MaxLimit) });
        return rows.Select(r => new InviteSummary(r.Id, new UnitRef(r.UnitId, r.UnitCode, r.UnitName), r.CreatedBy, r.CreatedAt, r.ExpiresAt,
            r.MaxUses, r.Uses, r.RevokedAt, OnboardingLinks.InviteState(now, r.ExpiresAt, r.RevokedAt, r.MaxUses, r.Uses))).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long UnitId { get; init; }
        public string UnitCode { get; init; } = "";
        public string UnitName { get; init; } = "";
        public string? CreatedBy { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public int? MaxUses { get; init; }
        public int Uses { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
    }
}
