using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Taxonomy;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Admin;

/// <summary>Editing the verdicts and categories through the real pipeline.</summary>
public sealed class TaxonomyAdminTests : IAsyncLifetime
{
    private const string Admin = "admin@demo.local";
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private static AddTaxonomyTerm Deepfake(string vi = "Video giả mạo bằng AI", string en = "AI deepfake") =>
        new() { Kind = TermKind.Verdict, Code = "deepfake", LabelVi = vi, LabelEn = en };

    private async Task<IReadOnlyList<string>> Codes(TermKind kind) => (await _desk.SendAs(Admin, new ListTaxonomyTerms(kind))).Select(t => t.Code).ToList();

    [Fact]
    public async Task An_added_term_is_offered_last_with_both_labels()
    {
        await _desk.SendAs(Admin, Deepfake());

        var taxonomy = await _desk.SendAs("reviewer@demo.local", new GetTaxonomy());
        Assert.Equal("deepfake", taxonomy.Verdicts[^1].Code);
        Assert.Equal(new TermLabels("Video giả mạo bằng AI", "AI deepfake"), taxonomy.Verdicts[^1].Labels);
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'AddTaxonomyTerm' AND entity_id = 'verdict:deepfake'"));
    }

    [Theory]
    [InlineData("", "AI deepfake", "labelVi")]
    [InlineData("Video giả mạo bằng AI", " ", "labelEn")]
    public async Task Both_labels_are_required(string vi, string en, string field)
    {
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(Admin, Deepfake(vi, en)));

        Assert.Equal(new[] { field }, failure.Errors.Keys);
        Assert.DoesNotContain("deepfake", await Codes(TermKind.Verdict));
    }

    [Theory]
    [InlineData("Deepfake")]
    [InlineData("deep-fake")]
    [InlineData("1deepfake")]
    [InlineData("tin_giả")]
    public async Task A_code_that_is_not_lower_case_snake_is_refused(string code)
    {
        var request = Deepfake();
        request.Code = code;

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(Admin, request));

        Assert.Equal(new[] { "code" }, failure.Errors.Keys);
    }

    [Fact]
    public async Task A_code_already_in_the_list_is_refused_even_when_retired_but_may_be_used_by_the_other_kind()
    {
        await _desk.SendAs(Admin, new SetTaxonomyTermRetired(TermKind.Verdict, "scam", true));
        var duplicate = Deepfake();
        duplicate.Code = "scam";

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(Admin, duplicate));

        Assert.Equal(new[] { "code" }, failure.Errors.Keys);
        await _desk.SendAs(Admin, new AddTaxonomyTerm { Kind = TermKind.Category, Code = "false", LabelVi = "Tin sai", LabelEn = "False news" });
        Assert.Contains("false", await Codes(TermKind.Category));
    }

    [Fact]
    public async Task Relabelling_changes_the_labels_the_next_read_shows()
    {
        await _desk.SendAs(Admin, new UpdateTaxonomyTerm { Kind = TermKind.Category, Code = "health", LabelVi = "Y tế", LabelEn = "Health care" });

        var health = (await _desk.SendAs("member@demo.local", new GetTaxonomy())).Categories.Single(t => t.Code == "health");
        Assert.Equal(new TermLabels("Y tế", "Health care"), health.Labels);
    }

    [Fact]
    public async Task Relabelling_an_unknown_term_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() =>
            _desk.SendAs(Admin, new UpdateTaxonomyTerm { Kind = TermKind.Category, Code = "nope", LabelVi = "Không", LabelEn = "No" }));
    }

    [Fact]
    public async Task Reordering_sets_the_order_pages_offer()
    {
        var codes = (await Codes(TermKind.Verdict)).Reverse().ToList();

        await _desk.SendAs(Admin, new ReorderTaxonomyTerms { Kind = TermKind.Verdict, Codes = codes });

        Assert.Equal(codes, (await _desk.SendAs(Admin, new GetTaxonomy())).Verdicts.Select(t => t.Code));
    }

    [Fact]
    public async Task A_reorder_that_misses_or_invents_a_code_changes_nothing()
    {
        var before = await Codes(TermKind.Verdict);

        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs(Admin, new ReorderTaxonomyTerms { Kind = TermKind.Verdict, Codes = before.Skip(1).Reverse().ToList() }));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs(Admin, new ReorderTaxonomyTerms { Kind = TermKind.Verdict, Codes = [.. before.Skip(1), "invented"] }));

        Assert.Equal(before, await Codes(TermKind.Verdict));
    }

    [Fact]
    public async Task A_retired_term_is_no_longer_offered_but_a_case_that_has_it_keeps_its_label()
    {
        var caseId = await _desk.NewCase();
        await _desk.ForceStatus(caseId, CaseStatus.Triaged); // verdict 'false', category 'health'

        await _desk.SendAs(Admin, new SetTaxonomyTermRetired(TermKind.Verdict, "false", true));

        var taxonomy = await _desk.SendAs("reviewer@demo.local", new GetTaxonomy());
        Assert.DoesNotContain("false", taxonomy.Verdicts.Select(t => t.Code));
        Assert.Equal("false", (await _desk.SendAs("reviewer@demo.local", new GetCase(caseId))).Verdict);
        ComponentsCulture("en-US");
        Assert.Equal("False", taxonomy.Verdicts.LabelOf("false"));
        Assert.True((await _desk.SendAs(Admin, new ListTaxonomyTerms(TermKind.Verdict))).Single(t => t.Code == "false").Retired);
    }

    [Fact]
    public async Task A_retired_term_can_be_offered_again()
    {
        await _desk.SendAs(Admin, new SetTaxonomyTermRetired(TermKind.Category, "other", true));
        await _desk.SendAs(Admin, new SetTaxonomyTermRetired(TermKind.Category, "other", false));

        Assert.Contains("other", (await _desk.SendAs(Admin, new GetTaxonomy())).Categories.Select(t => t.Code));
    }

    [Theory]
    [InlineData("coordinator@demo.local")]
    [InlineData("reviewer@demo.local")]
    public async Task Only_admins_edit_or_list_the_taxonomy(string email)
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs(email, Deepfake()));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs(email, new ListTaxonomyTerms(TermKind.Verdict)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs(email, new SetTaxonomyTermRetired(TermKind.Verdict, "false", true)));
    }

    private static void ComponentsCulture(string culture) => Components.ComponentContext.UseCulture(culture);
}
