using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Admin;

/// <summary>A desk of its own: a failed backup changes what /health/ready says for everyone after it.</summary>
public sealed class BackupHealthHttpTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    [SqliteFact]
    public async Task A_failed_backup_answers_a_problem_and_leaves_readiness_degraded_until_one_succeeds()
    {
        var admin = await desk.BearerClient("admin@demo.local");
        var folder = Path.Combine(desk.DataDirectory, "backups");
        await File.WriteAllTextAsync(folder, "a file where the backups folder should be");

        var failed = await admin.PostAsync("/api/v1/backups", null);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("The backup failed.", (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        var ready = await desk.NewClient().GetAsync("/health/ready");
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));

        File.Delete(folder);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/backups", null)).StatusCode);
        Assert.Equal("Healthy", await desk.NewClient().GetStringAsync("/health/ready"));
    }
}
