using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Admin;

public sealed class AdminApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static MultipartFormDataContent Csv(byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "techniques.csv");
        return form;
    }

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name);

    [Fact]
    public async Task The_taxonomy_keeps_its_exact_shape_and_leaves_out_a_retired_term()
    {
        var admin = await desk.BearerClient("admin@demo.local");
        var member = await desk.BearerClient("member@demo.local");

        var added = await admin.PostAsJsonAsync("/api/v1/taxonomy/category", new { code = "elections", labelVi = "Bầu cử", labelEn = "Elections" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var taxonomy = await (await member.GetAsync("/api/v1/taxonomy")).Json<JsonElement>();

        Assert.Equal(new[] { "verdicts", "categories", "platforms" }, Names(taxonomy));
        foreach (var term in taxonomy.EnumerateObject().SelectMany(list => list.Value.EnumerateArray()))
        {
            Assert.Equal(new[] { "code", "labels" }, Names(term));
            Assert.Equal(new[] { "vi", "en" }, Names(term.GetProperty("labels")));
        }
        var elections = taxonomy.GetProperty("categories").EnumerateArray().Last();
        Assert.Equal(("elections", "Bầu cử", "Elections"), (elections.GetProperty("code").GetString(),
            elections.GetProperty("labels").GetProperty("vi").GetString(), elections.GetProperty("labels").GetProperty("en").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/taxonomy/category/elections/retirement", null)).StatusCode);

        var after = await (await member.GetAsync("/api/v1/taxonomy")).Json<JsonElement>();
        Assert.DoesNotContain("elections", after.GetProperty("categories").EnumerateArray().Select(t => t.GetProperty("code").GetString()));
        var all = await (await admin.GetAsync("/api/v1/taxonomy/category")).Json<JsonElement>();
        var retired = all.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "elections");
        Assert.Equal("category", retired.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.String, retired.GetProperty("retiredAt").ValueKind);
    }

    [Fact]
    public async Task A_term_without_its_english_label_is_a_field_error()
    {
        var admin = await desk.BearerClient("admin@demo.local");

        var problem = await Problem(await admin.PostAsJsonAsync("/api/v1/taxonomy/verdict", new { code = "satire", labelVi = "Châm biếm" }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("labelEn", out _));
    }

    [Fact]
    public async Task Platforms_are_not_an_editable_list_and_non_admins_may_not_edit()
    {
        var admin = await desk.BearerClient("admin@demo.local");
        var coordinator = await desk.BearerClient("coordinator@demo.local");

        await Problem(await admin.GetAsync("/api/v1/taxonomy/platform"), HttpStatusCode.NotFound);
        await Problem(await coordinator.GetAsync("/api/v1/taxonomy/verdict"), HttpStatusCode.Forbidden);
        await Problem(await coordinator.PutAsJsonAsync("/api/v1/taxonomy/verdict/false", new { labelVi = "Sai", labelEn = "Wrong" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_disarm_import_answers_a_dry_run_then_imports_and_refuses_bad_files()
    {
        var admin = await desk.BearerClient("admin@demo.local");
        var csv = Encoding.UTF8.GetBytes("disarm_id,name,summary,tactic_id\nT9101,Cloned Voice Messages,\"Voice notes, cloned\",TA06\nT0002,Facilitate State Propaganda,x,TA02\n");

        var dry = await (await admin.PostAsync("/api/v1/disarm/techniques/import?dryRun=true", Csv(csv))).Json<JsonElement>();
        Assert.Equal((1, 1), (dry.GetProperty("added").GetInt32(), dry.GetProperty("unchanged").GetInt32()));
        Assert.Equal("added", dry.GetProperty("rows")[0].GetProperty("change").GetString());
        var reviewer = await desk.BearerClient("reviewer@demo.local");

        var done = await (await admin.PostAsync("/api/v1/disarm/techniques/import", Csv(csv))).Json<JsonElement>();

        Assert.Equal(1, done.GetProperty("added").GetInt32());
        var notUtf8 = await Problem(await admin.PostAsync("/api/v1/disarm/techniques/import?dryRun=true", Csv([0x69, 0x64, 0xFF, 0xFE, 0x0A])), HttpStatusCode.BadRequest);
        Assert.True(notUtf8.GetProperty("errors").TryGetProperty("file", out _));
        await Problem(await admin.PostAsync("/api/v1/disarm/techniques/import?dryRun=true", Csv(new byte[1024 * 1024 + 1])), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync("/api/v1/disarm/techniques/import?dryRun=true", Csv(csv))).StatusCode);
    }

    [Fact]
    public async Task An_admin_names_the_organisation_backs_up_and_reads_the_settings_while_others_are_refused()
    {
        var admin = await desk.BearerClient("admin@demo.local");
        var coordinator = await desk.BearerClient("coordinator@demo.local");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/v1/settings/organisation", new { name = "Hội Phụ nữ tỉnh" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/v1/settings/backups", new { intervalHours = 12, keep = 3 })).StatusCode);
        var backup = await admin.PostAsync("/api/v1/backups", null);
        // A PostgreSQL desk is pg_dump's to back up: the desk says so and records no failed backup.
        if (TestDatabase.IsPostgres) await Problem(backup, HttpStatusCode.Conflict);
        else Assert.Equal(HttpStatusCode.Created, backup.StatusCode);
        var name = TestDatabase.IsPostgres ? null : (await backup.Json<JsonElement>()).GetProperty("name").GetString();

        var settings = await (await admin.GetAsync("/api/v1/settings")).Json<JsonElement>();
        Assert.Equal("Hội Phụ nữ tỉnh", settings.GetProperty("organisationName").GetString());
        Assert.Equal(12, settings.GetProperty("schedule").GetProperty("intervalHours").GetInt32());
        var listed = settings.GetProperty("backups").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToList();
        if (name is null) Assert.Empty(listed);
        else Assert.Contains(name, listed);
        Assert.Equal("Hội Phụ nữ tỉnh", (await (await coordinator.GetAsync("/api/v1/me")).Json<JsonElement>()).GetProperty("organisation").GetString());
        await Problem(await admin.PutAsJsonAsync("/api/v1/settings/backups", new { intervalHours = -1, keep = 0 }), HttpStatusCode.BadRequest);
        await Problem(await coordinator.GetAsync("/api/v1/settings"), HttpStatusCode.Forbidden);
        await Problem(await coordinator.PostAsync("/api/v1/backups", null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await desk.NewClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task An_admin_lists_the_users_tokens_and_revokes_one_with_the_existing_route()
    {
        var admin = await desk.BearerClient("admin@demo.local");
        var responder = await desk.BearerClient("responder@demo.local");
        var tokens = await (await admin.GetAsync("/api/v1/users/tokens")).Json<JsonElement>();
        var responders = tokens.GetProperty("items").EnumerateArray().First(t => t.GetProperty("userEmail").GetString() == "responder@demo.local");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/tokens/{responders.GetProperty("id").GetInt64()}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await responder.GetAsync("/api/v1/me")).StatusCode);
        await Problem(await (await desk.BearerClient("coordinator@demo.local")).GetAsync("/api/v1/users/tokens"), HttpStatusCode.Forbidden);
    }
}
