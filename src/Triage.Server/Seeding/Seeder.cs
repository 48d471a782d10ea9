using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Triage.Client.Pipeline;
using Triage.Server.Account;
using Triage.Server.Audit;
using Triage.Server.Data;

namespace Triage.Server.Seeding;

/// <summary>
/// Loads seeds/ into an empty desk. The taxonomy and the DISARM techniques are reference data and are loaded in every
/// environment while the desk has none; the demo tree and accounts only in Development, once.
/// </summary>
public sealed class Seeder(Db db, AuditTrail audit, Passwords passwords, TimeProvider clock,
    IOptions<DeskOptions> options, ILogger<Seeder> logger)
{
    private const string DemoSeededKey = "demo_seeded_at";

    public async Task SeedAsync(bool development, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginWriteAsync(ct);
        var changed = await SeedTaxonomyAsync(connection, tx);
        changed |= await SeedTechniquesAsync(connection, tx);
        changed |= await SeedCountermeasuresAsync(connection, tx);
        if (development) changed |= await SeedDemoAsync(connection, tx);
        if (changed) await tx.CommitAsync(ct);
    }

    private async Task<bool> SeedTaxonomyAsync(DbConnection connection, DbTransaction tx)
    {
        if (await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM taxonomy_terms)", transaction: tx)) return false;
        var file = SeedFiles.Taxonomy();
        var rows = new[] { ("verdict", file.Verdicts), ("category", file.Categories), ("platform", file.Platforms) }
            .SelectMany(kind => kind.Item2.Select((t, i) => new { kind = kind.Item1, t.Code, t.Vi, t.En, order = i }));
        await connection.ExecuteAsync("""
            INSERT INTO taxonomy_terms (kind, code, label_vi, label_en, sort_order) VALUES (@kind, @Code, @Vi, @En, @order)
            """, rows, tx);
        await audit.AppendAsync(connection, tx, new AuditEntry(null, "system", "TaxonomySeeded", "taxonomy", null, "{}"));
        logger.LogInformation("Loaded the default taxonomy from seeds/taxonomy.json");
        return true;
    }

    /// <summary>DISARM techniques are reference data like the taxonomy: loaded while the desk has none.</summary>
    private async Task<bool> SeedTechniquesAsync(DbConnection connection, DbTransaction tx)
    {
        if (await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM disarm_techniques)", transaction: tx)) return false;
        var rows = SeedFiles.Csv("disarm-techniques.csv").Select(r => new { id = r["id"], name = r["name"], tacticId = r["tactic_id"] }).ToList();
        await connection.ExecuteAsync("INSERT INTO disarm_techniques (id, name, tactic_id) VALUES (@id, @name, @tacticId)", rows, tx);
        await audit.AppendAsync(connection, tx, new AuditEntry(null, "system", "DisarmTechniquesSeeded", "disarm_techniques", null,
            $$"""{"techniques":{{rows.Count}}}"""));
        logger.LogInformation("Loaded {Count} DISARM techniques from seeds/disarm-techniques.csv", rows.Count);
        return true;
    }

    /// <summary>Loaded apart from the techniques: a desk that had them before migration 0013 gets the countermeasures on its next start.</summary>
    private async Task<bool> SeedCountermeasuresAsync(DbConnection connection, DbTransaction tx)
    {
        if (await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM disarm_countermeasures)", transaction: tx)) return false;
        var rows = SeedFiles.Csv("disarm-countermeasures.csv")
            .Select(r => new { id = r["id"], name = r["name"], metatechnique = r["metatechnique"] }).ToList();
        await connection.ExecuteAsync(
            "INSERT INTO disarm_countermeasures (id, name, metatechnique) VALUES (@id, @name, @metatechnique)", rows, tx);
        await audit.AppendAsync(connection, tx, new AuditEntry(null, "system", "DisarmCountermeasuresSeeded", "disarm_countermeasures", null,
            $$"""{"countermeasures":{{rows.Count}}}"""));
        logger.LogInformation("Loaded {Count} DISARM countermeasures from seeds/disarm-countermeasures.csv", rows.Count);
        return true;
    }

    private async Task<bool> SeedDemoAsync(DbConnection connection, DbTransaction tx)
    {
        if (await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM desk_state WHERE key = @DemoSeededKey)", new { DemoSeededKey }, tx))
            return false;
        if (await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM org_units)", transaction: tx))
        {
            logger.LogInformation("The desk already has units; the demo seed is not loaded");
            return false;
        }
        var password = options.Value.Demo.Password;
        if (string.IsNullOrWhiteSpace(password))
            throw new StartupException("Development loads the demo accounts, but Triage:Demo:Password is not set.");

        var now = clock.GetUtcNow();
        var units = new Dictionary<string, (long Id, string Path)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in SeedFiles.Csv("units.csv"))
        {
            var parent = row["parent"] is { Length: > 0 } p ? units[p] : ((long Id, string Path)?)null;
            var id = units.Count + 1L;
            var path = $"{parent?.Path ?? "/"}{id}/";
            await connection.ExecuteAsync("""
                INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at)
                VALUES (@id, @parentId, @code, @name, @path, @depth, @now)
                """, new { id, parentId = parent?.Id, code = row["code"], name = row["name"], path, depth = path.Count(c => c == '/') - 2, now }, tx);
            units[row["code"]] = (id, path);
        }
        var hash = passwords.Hash(password);
        foreach (var row in SeedFiles.Csv("users.csv"))
        {
            var userId = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO users (email, name, unit_id, password_hash, security_stamp, created_at)
                VALUES (@email, @name, @unitId, @hash, @stamp, @now) RETURNING id
                """, new { email = row["email"], name = row["name"], unitId = units[row["unit"]].Id, hash, stamp = Passwords.NewStamp(), now }, tx);
            foreach (var code in row["roles"].Split(';', ',', ' '))
            {
                if (!Roles.TryParse(code, out var role)) throw new InvalidDataException($"seeds/users.csv: unknown role '{code}'.");
                await connection.ExecuteAsync("INSERT INTO user_roles (user_id, role) VALUES (@userId, @role)", new { userId, role = role.Code() }, tx);
            }
        }
        await connection.ExecuteAsync("INSERT INTO desk_state (key, value) VALUES (@DemoSeededKey, @at)",
            new { DemoSeededKey, at = DapperSetup.Format(now) }, tx);
        await audit.AppendAsync(connection, tx, new AuditEntry(null, "system", "DemoSeeded", null, null,
            $$"""{"units":{{units.Count}}}"""));
        logger.LogInformation("Loaded the demo seed: {Units} units and the demo accounts", units.Count);
        return true;
    }
}
