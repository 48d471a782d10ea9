using Dapper;
using Microsoft.Data.Sqlite;
using Triage.Tests.Support;
using VerbRunner = Triage.Server.Verbs.Verbs;

namespace Triage.Tests.Verbs;

/// <summary>The admin verbs on a Production desk: nothing seeded, the first admin made by <c>users add</c>.</summary>
public sealed class VerbTests : IDisposable
{
    private readonly string _directory = TempDirectory.Create();

    private async Task<(int Exit, string Out, string Err)> Run(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await VerbRunner.RunAsync([.. args, .. TestDatabase.VerbArguments(_directory)], new StringReader(stdin), output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private Task<(int Exit, string Out, string Err)> AddFirstAdmin() =>
        Run("a-long-admin-password\n", "users", "add", "--email", "first@org.vn", "--name", "Quản trị", "--roles", "admin", "--unit", "ORG", "--password-stdin");

    [Fact]
    public async Task The_first_users_add_on_an_empty_desk_creates_the_top_unit_and_the_admin()
    {
        var (exit, output, errors) = await AddFirstAdmin();

        Assert.Equal(0, exit);
        Assert.StartsWith("Added user", output);
        Assert.Contains("created the top unit 'ORG'", errors);
        await using var connection = await TestDatabase.OpenAsync(_directory);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE email LIKE '%@demo.local'"));
    }

    [Fact]
    public async Task Without_password_stdin_a_generated_password_is_printed_once()
    {
        await AddFirstAdmin();

        var (exit, output, _) = await Run("", "users", "add", "--email", "m@org.vn", "--name", "Hội viên", "--roles", "member", "--unit", "ORG");

        Assert.Equal(0, exit);
        Assert.Matches("Password \\(shown once\\): [A-Za-z0-9]{16}", output);
    }

    [Fact]
    public async Task Tokens_issue_prints_the_token_alone_on_stdout_and_it_is_url_safe()
    {
        await AddFirstAdmin();

        var (exit, output, _) = await Run("", "tokens", "issue", "--email", "first@org.vn");

        Assert.Equal(0, exit);
        Assert.Matches("^trg_[A-Za-z0-9_-]{43}\n$", output.Replace("\r", ""));
    }

    [Fact]
    public async Task An_unknown_unit_or_role_exits_non_zero_with_a_reason()
    {
        await AddFirstAdmin();

        var unit = await Run("", "users", "add", "--email", "x@org.vn", "--name", "X", "--roles", "member", "--unit", "NOPE");
        var role = await Run("", "users", "add", "--email", "x@org.vn", "--name", "X", "--roles", "boss", "--unit", "ORG");

        Assert.NotEqual(0, unit.Exit);
        Assert.Contains("NOPE", unit.Err);
        Assert.NotEqual(0, role.Exit);
        Assert.Contains("boss", role.Err);
    }

    [Fact]
    public async Task Audit_verify_exits_zero_on_an_intact_chain_and_names_the_first_broken_event()
    {
        await AddFirstAdmin();
        Assert.Equal(0, (await Run("", "audit", "verify")).Exit);

        await using (var connection = await TestDatabase.OpenAsync(_directory))
            await connection.ExecuteAsync(TestDatabase.DropTrigger("audit_events_no_update", "audit_events") + "UPDATE audit_events SET data = '{}' WHERE id = 2");

        var (exit, _, errors) = await Run("", "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains("event 2", errors);
    }

    [SqliteFact]
    public async Task Db_backup_writes_a_consistent_copy_that_opens_as_a_desk()
    {
        await AddFirstAdmin();
        var target = Path.Combine(_directory, "backups", "copy.db");

        var (exit, output, _) = await Run("", "db", "backup", target);

        Assert.Equal(0, exit);
        Assert.Equal(target, output.Trim());
        await using var copy = new SqliteConnection($"Data Source={target};Pooling=False");
        Assert.Equal("ok", await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        Assert.Equal(1, await copy.ExecuteScalarAsync<long>("SELECT count(*) FROM users"));
        Assert.NotEqual(0, (await Run("", "db", "backup", target)).Exit);
    }

    public void Dispose()
    {
        TestDatabase.Drop(_directory);
        TempDirectory.Delete(_directory);
    }
}
