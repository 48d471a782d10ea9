using Triage.Client.Pipeline;
using Triage.Client.Taxonomy;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

public sealed class ListDisarmTechniquesTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task Every_seeded_technique_is_listed_by_id_with_its_name_and_tactic()
    {
        var techniques = await _desk.SendAs("reviewer@demo.local", new ListDisarmTechniques());

        Assert.Equal(await _desk.Scalar<long>("SELECT count(*) FROM disarm_techniques"), techniques.Count);
        Assert.True(techniques.Count > 300, $"Only {techniques.Count} techniques: the seed did not load.");
        Assert.Equal(techniques.Select(t => t.Id).Order(StringComparer.Ordinal), techniques.Select(t => t.Id));
        Assert.Equal(new DisarmTechnique("T0002", "Facilitate State Propaganda", "TA02"), techniques.Single(t => t.Id == "T0002"));
    }

    [Fact]
    public async Task A_member_may_read_the_list_but_nobody_signed_out()
    {
        Assert.NotEmpty(await _desk.SendAs("member@demo.local", new ListDisarmTechniques()));
        await Assert.ThrowsAsync<NotSignedInException>(() => _desk.SendAs(null, new ListDisarmTechniques()));
    }

    [Fact]
    public async Task Searching_finds_a_technique_by_the_start_of_its_id_or_by_words_of_its_name()
    {
        var all = await _desk.SendAs("reviewer@demo.local", new ListDisarmTechniques());

        Assert.Equal("T0002", DisarmTechnique.Find(all, "t0002")[0].Id);
        Assert.All(DisarmTechnique.Find(all, "T0015", limit: 50), t => Assert.StartsWith("T0015", t.Id, StringComparison.Ordinal));
        Assert.Contains(DisarmTechnique.Find(all, "state propaganda"), t => t.Id == "T0002");
        Assert.Contains(DisarmTechnique.Find(all, "propaganda state"), t => t.Id == "T0002");
        Assert.Empty(DisarmTechnique.Find(all, "   "));
        Assert.Empty(DisarmTechnique.Find(all, "no such technique anywhere"));
    }
}
