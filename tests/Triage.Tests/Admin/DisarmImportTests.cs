using System.Text;
using Triage.Client.Pipeline;
using Triage.Client.Taxonomy;
using Triage.Server.Seeding;
using Triage.Tests.Support;

namespace Triage.Tests.Admin;

/// <summary>Updating the DISARM techniques from a CSV: the dry run, the import, and the files refused whole.</summary>
public sealed class DisarmImportTests : IAsyncLifetime
{
    private const string Admin = "admin@demo.local";
    private TestDesk _desk = default!;

    /// <summary>The framework's export shape: disarm_id, name, summary (quoted, with commas and a line break), tactic_id.</summary>
    private const string Export = """
        disarm_id,name,summary,tactic_id
        T0002,Facilitate State Propaganda,"Organise citizens around pro-state messaging, paid or volunteer.",TA02
        T0003,Leverage Existing Narratives (renamed),"Use or adapt existing narrative themes.
        Narratives form the bedrock of our worldviews.",TA14
        T9001,Synthetic Voice Calls,"Robocalls with a cloned ""official"" voice.",TA06
        """;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"));

    private Task<string> TechniquesSnapshot() => _desk.Scalar<string>("SELECT string_agg(id || '|' || name || '|' || tactic_id, ';') FROM (SELECT * FROM disarm_techniques ORDER BY id) AS t");

    [Fact]
    public async Task The_dry_run_counts_added_updated_unchanged_and_kept_and_writes_nothing()
    {
        var before = await TechniquesSnapshot();

        var check = await _desk.SendAs(Admin, new CheckDisarmTechniques(Utf8(Export)));

        Assert.Equal((1, 1, 1, 0), (check.Added, check.Updated, check.Unchanged, check.Failed));
        Assert.Equal(391 - 2, check.Kept);
        Assert.Equal(new[] { 2, 3, 5 }, check.Rows.Select(r => r.Line));
        Assert.Equal(new DisarmChange?[] { DisarmChange.Unchanged, DisarmChange.Updated, DisarmChange.Added }, check.Rows.Select(r => r.Change));
        Assert.Equal(before, await TechniquesSnapshot());
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action IN ('CheckDisarmTechniques', 'ImportDisarmTechniques')"));
    }

    [Fact]
    public async Task The_import_adds_and_renames_keeps_what_the_file_leaves_out_and_is_audited()
    {
        var result = await _desk.SendAs(Admin, new ImportDisarmTechniques(Utf8(Export)));

        Assert.Equal((1, 1, 1), (result.Added, result.Updated, result.Unchanged));
        var techniques = await _desk.SendAs("reviewer@demo.local", new ListDisarmTechniques());
        Assert.Equal(392, techniques.Count);
        Assert.Equal(new DisarmTechnique("T9001", "Synthetic Voice Calls", "TA06"), techniques.Single(t => t.Id == "T9001"));
        Assert.Equal("Leverage Existing Narratives (renamed)", techniques.Single(t => t.Id == "T0003").Name);
        Assert.Contains("\"added\":1", await _desk.Scalar<string>("SELECT data FROM audit_events WHERE action = 'ImportDisarmTechniques'"));
    }

    [Fact]
    public async Task The_shipped_seed_file_imports_as_all_unchanged()
    {
        var seed = await File.ReadAllBytesAsync(Path.Combine(SeedFiles.Directory, "disarm-techniques.csv"));

        var check = await _desk.SendAs(Admin, new CheckDisarmTechniques(seed));

        Assert.Equal((0, 0, 391, 0, 0), (check.Added, check.Updated, check.Unchanged, check.Kept, check.Failed));
    }

    [Fact]
    public async Task Row_errors_are_answered_per_line_and_the_import_then_writes_nothing()
    {
        Components.ComponentContext.UseCulture("en-US");
        const string Broken = """
            id,name,tactic_id
            T0002,Facilitate State Propaganda,TA02
            X12,Bad id,TA02
            T0003,,TA14
            T0004,Develop Competing Narratives,tactic 14
            T0002,Again,TA02
            T0010,Too,many,cells
            T9002,Fine new one,TA01
            """;
        var before = await TechniquesSnapshot();

        var check = await _desk.SendAs(Admin, new CheckDisarmTechniques(Utf8(Broken)));

        Assert.Equal(5, check.Failed);
        Assert.Equal(new[] { 3, 4, 5, 6, 7 }, check.Rows.Where(r => !r.Ok).Select(r => r.Line));
        Assert.Contains("line 2", check.Rows.Single(r => r.Line == 6).Errors.Single());
        Assert.Contains("4", check.Rows.Single(r => r.Line == 7).Errors.Single());
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(Admin, new ImportDisarmTechniques(Utf8(Broken))));
        Assert.Contains("5 rows", failure.Errors["file"].Single());
        Assert.Equal(before, await TechniquesSnapshot());
    }

    [Fact]
    public async Task A_row_with_broken_quoting_is_named_by_its_line()
    {
        Components.ComponentContext.UseCulture("en-US");

        var check = await _desk.SendAs(Admin, new CheckDisarmTechniques(Utf8("id,name,tactic_id\nT0002,\"Facilitate\" State Propaganda,TA02\nT0003,Leverage Existing Narratives,TA14\n")));

        var broken = Assert.Single(check.Rows, r => !r.Ok);
        Assert.Equal(2, broken.Line);
        Assert.Contains("quotes", broken.Errors.Single());
        Assert.Equal(1, check.Unchanged);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_whole()
    {
        Components.ComponentContext.UseCulture("en-US");
        var latin1 = Encoding.Latin1.GetBytes("id,name,tactic_id\nT9003,Réseau d'influence,TA06\n");

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(Admin, new CheckDisarmTechniques(latin1)));

        Assert.Contains("UTF-8", failure.Errors["file"].Single());
    }

    [Fact]
    public async Task A_file_without_the_needed_columns_names_the_missing_ones()
    {
        Components.ComponentContext.UseCulture("en-US");
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs(Admin, new CheckDisarmTechniques(Utf8("disarm_id,title,summary\nT0002,Facilitate State Propaganda,x\n"))));

        Assert.Contains("name, tactic_id", failure.Errors["file"].Single());
    }

    [Fact]
    public async Task A_file_over_one_megabyte_is_refused_naming_the_limit()
    {
        Components.ComponentContext.UseCulture("en-US");
        var big = new byte[DisarmImportRules.MaxBytes + 1];
        Array.Fill(big, (byte)'a');

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(Admin, new ImportDisarmTechniques(big)));

        Assert.Contains("1024 KB", failure.Errors["file"].Single());
    }

    [Fact]
    public async Task A_byte_order_mark_and_crlf_line_ends_are_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("id,name,tactic_id\r\nT0002,Facilitate State Propaganda,TA02\r\n")).ToArray();

        var check = await _desk.SendAs(Admin, new CheckDisarmTechniques(bytes));

        Assert.Equal((1, 0), (check.Unchanged, check.Failed));
    }

    [Fact]
    public async Task Only_admins_import()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new CheckDisarmTechniques(Utf8(Export))));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new ImportDisarmTechniques(Utf8(Export))));
    }
}
