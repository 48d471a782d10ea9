using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Triage.Client.Cases;
using Triage.Client.Library;
using Triage.Client.Queue;
using Triage.Client.Reports;
using Triage.Server.Audit;
using Triage.Server.Data;
using Triage.Server.Exports;
using Triage.Tests.Support;
using VerbRunner = Triage.Server.Verbs.Verbs;

namespace Triage.Tests.Verbs;

/// <summary><c>db copy-to-postgres</c>: a SQLite desk with content into a new PostgreSQL database, and its refusals.</summary>
public sealed class CopyToPostgresTests
{
    private const string Member = "member@demo.local";
    private const string Reviewer = "reviewer@demo.local";

    private static async Task<(int Exit, string Out, string Err)> Copy(TestDesk desk, string connectionString)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await VerbRunner.RunAsync(
            ["db", "copy-to-postgres", "--connection", connectionString, $"--Triage:DataDirectory={desk.Directory}"],
            new StringReader(""), output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>A demo desk on SQLite with reports, cases, a comment, a saved view, a library message and both kinds of key.</summary>
    private static async Task<(TestDesk Desk, string Protected)> SqliteDeskWithContent()
    {
        var desk = await TestDesk.CreateAsync(onSqlite: true);
        var first = await desk.SendAs(Member, new SubmitReport
        {
            Url = "https://www.facebook.com/rumour/posts/1", Text = "Uống nước lá ổi chữa khỏi tiểu đường",
            Screenshots = [new Screenshot("a.png", TestImages.Png())],
        });
        await desk.SendAs(Member, new SubmitReport { Url = "https://www.facebook.com/rumour/posts/1", Text = "Lá ổi chữa tiểu đường" });
        await desk.SendAs(Member, new SubmitReport { Url = "https://www.tiktok.com/@x/video/2", Text = "Tin đồn mất điện toàn thành phố" });
        await desk.SendAs(Reviewer, new CommentOnCase { CaseId = first.CaseId, Text = "Đã kiểm tra với Sở Y tế." });
        await desk.SendAs(Reviewer, new SaveView { Name = "Sức khỏe", Filter = new CaseFilter() });
        await desk.SendAs(Reviewer, new SaveLibraryMessage
        {
            Title = "Lá ổi không chữa tiểu đường", Text = "Chưa có bằng chứng lá ổi chữa khỏi bệnh.", Language = "vi", Category = "health",
        });
        // What the priority refresher and the SLA watcher write: values no trigger would compute on an insert.
        await desk.Execute("UPDATE cases SET priority = 777, sla_stale = 0 WHERE id = @id", new { id = first.CaseId });
        ReporterPseudonyms.Load(Path.Combine(desk.Directory, "keys"));
        var protector = desk.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("copy-test");
        return (desk, protector.Protect("totp secret"));
    }

    private static async Task<List<string>> SqliteTables(TestDesk desk)
    {
        await using var sqlite = await desk.Db.OpenAsync();
        var all = (await sqlite.QueryAsync<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'")).ToList();
        var shadows = all.Where(t => t.Sql.StartsWith("CREATE VIRTUAL TABLE", StringComparison.Ordinal))
            .SelectMany(t => new[] { "config", "content", "data", "docsize", "idx" }.Select(s => $"{t.Name}_{s}")).ToHashSet();
        return all.Select(t => t.Name).Where(n => !shadows.Contains(n)).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<Dictionary<string, long>> Counts(System.Data.Common.DbConnection connection, IEnumerable<string> tables)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in tables) counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM \"{table}\"");
        return counts;
    }

    [PostgresFact]
    public async Task A_sqlite_desk_is_copied_whole_with_its_ids_derived_values_keys_and_a_verifying_audit_chain()
    {
        var content = await SqliteDeskWithContent();
        await using var desk = content.Desk;
        await using var postgres = await PostgresScratchDatabase.CreateAsync();

        var (exit, output, errors) = await Copy(desk, postgres.ConnectionString);

        Assert.True(exit == 0, errors);
        Assert.Contains("audit chain verified", output);
        var tables = await SqliteTables(desk);
        await using var sqlite = await desk.Db.OpenAsync();
        await using var pg = await postgres.OpenAsync();
        var expected = await Counts(sqlite, tables);
        Assert.Equal(expected, await Counts(pg, tables));
        Assert.All(new[] { "cases", "reports", "audit_events", "case_search", "library_search", "case_comments", "evidence" },
            t => Assert.True(expected[t] > 0, $"{t} is empty in the source"));

        var chain = AuditTrail.Verify(pg);
        Assert.True(chain.Intact, chain.Reason);
        Assert.Equal(expected["audit_events"], chain.CheckedEvents);

        var derived = """
            SELECT id, priority, CASE WHEN sla_stale THEN 1 ELSE 0 END, sla_started_at, report_count, reporter_unit_count
            FROM cases ORDER BY id
            """;
        Assert.Equal(
            (await sqlite.QueryAsync<(long, long, long, string?, long, long)>(derived)).ToList(),
            (await pg.QueryAsync<(long, long, long, string?, long, long)>(derived)).ToList());
        Assert.Contains(await pg.QueryAsync<long>("SELECT rowid FROM case_search WHERE doc @@ to_tsquery('triage', 'tieu & duong')"),
            id => id > 0);

        var maxUser = await sqlite.ExecuteScalarAsync<long>("SELECT max(id) FROM users");
        Assert.Equal(maxUser + 1, await pg.ExecuteScalarAsync<long>("""
            INSERT INTO users (email, name, unit_id, security_stamp, created_at)
            VALUES ('after.copy@demo.local', 'Sau khi chép', (SELECT min(id) FROM org_units), 'stamp', '2026-11-27T00:00:00.0000000Z')
            RETURNING id
            """));
        foreach (var (table, column) in await pg.QueryAsync<(string, string)>(
                     "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'"))
        {
            var max = await pg.ExecuteScalarAsync<long>($"SELECT coalesce(max({column}), 0) FROM {table}");
            Assert.Equal(max + 1, await pg.ExecuteScalarAsync<long>($"SELECT nextval(pg_get_serial_sequence('{table}', '{column}'))"));
        }

        var keysDirectory = Path.Combine(desk.Directory, "keys");
        Assert.Equal(File.ReadAllBytes(Path.Combine(keysDirectory, "export-pseudonyms.key")),
            await pg.ExecuteScalarAsync<byte[]>("SELECT value FROM desk_secrets WHERE name = 'export-pseudonyms'"));
        var ring = (await pg.QueryAsync<string>("SELECT xml FROM data_protection_keys")).ToList();
        Assert.Equal(Directory.GetFiles(keysDirectory, "*.xml").Length, ring.Count);
        Assert.Equal("totp secret", ProtectorOver(ring).Unprotect(content.Protected));
    }

    [PostgresFact]
    public async Task A_second_copy_into_the_filled_database_is_refused_and_changes_nothing()
    {
        await using var desk = (await SqliteDeskWithContent()).Desk;
        await using var postgres = await PostgresScratchDatabase.CreateAsync();
        Assert.Equal(0, (await Copy(desk, postgres.ConnectionString)).Exit);
        await desk.SendAs(Member, new SubmitReport { Url = "https://www.facebook.com/rumour/posts/9", Text = "Một tin đồn mới sau lần chép" });
        var tables = await SqliteTables(desk);
        Dictionary<string, long> before;
        await using (var pg = await postgres.OpenAsync()) before = await Counts(pg, [.. tables, "schema_migrations", "data_protection_keys"]);

        var (exit, _, errors) = await Copy(desk, postgres.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Contains("not empty", errors);
        Assert.Contains("Nothing was written", errors);
        await using (var pg = await postgres.OpenAsync())
            Assert.Equal(before, await Counts(pg, [.. tables, "schema_migrations", "data_protection_keys"]));
    }

    [PostgresFact]
    public async Task A_database_that_does_not_sort_by_byte_is_refused_before_anything_is_written()
    {
        await using var desk = await TestDesk.CreateAsync(onSqlite: true);
        var server = PostgresFactAttribute.ConnectionString!;
        var name = $"copy_icu_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
            await admin.ExecuteAsync(
                $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LC_COLLATE 'C' LC_CTYPE 'C'");
        try
        {
            var target = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

            var (exit, _, errors) = await Copy(desk, target);

            Assert.Equal(1, exit);
            Assert.Contains("byte order", errors);
            await using var pg = new NpgsqlConnection(target);
            Assert.Equal(0, await pg.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task A_desk_configured_for_postgres_is_not_a_source()
    {
        var directory = TempDirectory.Create();
        try
        {
            var output = new StringWriter();
            var errors = new StringWriter();
            var exit = await VerbRunner.RunAsync(
                ["db", "copy-to-postgres", "--connection", "Host=127.0.0.1;Database=target", $"--Triage:DataDirectory={directory}",
                 "--Triage:Database:Provider=postgres", "--Triage:Database:ConnectionString=Host=127.0.0.1;Database=desk"],
                new StringReader(""), output, errors);

            Assert.Equal(1, exit);
            Assert.Contains("copies a SQLite desk", errors.ToString());
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    /// <summary>Data Protection reading its key ring from the copied rows, as a PostgreSQL desk's servers will.</summary>
    private static IDataProtector ProtectorOver(IReadOnlyList<string> ring)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("Triage").DisableAutomaticKeyGeneration();
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new CopiedKeyRing(ring));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("copy-test");
    }

    private sealed class CopiedKeyRing(IReadOnlyList<string> ring) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => ring.Select(x => XElement.Parse(x)).ToList();
        public void StoreElement(XElement element, string friendlyName) => throw new InvalidOperationException("The copied ring is read-only.");
    }
}
