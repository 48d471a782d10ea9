using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class CaseInputTests : IAsyncLifetime
{
    private TestDesk _desk = default!;
    private long _caseId;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        _caseId = await _desk.NewCase();
        await _desk.ForceStatus(_caseId, CaseStatus.Triaged);
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<ClassifyCase> Classification(string verdict = "false", string category = "health", int? severity = 3, params string[] techniques) =>
        new() { CaseId = _caseId, ExpectedVersion = await _desk.Version(_caseId), Verdict = verdict, Category = category, Severity = severity, DisarmTechniques = techniques };

    private async Task<string> RefusedField<T>(Task<T> send)
    {
        var before = await _desk.Snapshot(_caseId);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => send);
        Assert.Equal(before, await _desk.Snapshot(_caseId));
        return Assert.Single(refused.Errors.Keys);
    }

    [Theory]
    [InlineData("rumour", "health", 3, "verdict")]
    [InlineData("false", "astrology", 3, "category")]
    [InlineData("false", "health", 0, "severity")]
    [InlineData("false", "health", 5, "severity")]
    [InlineData("false", "health", null, "severity")]
    public async Task A_classification_outside_the_taxonomy_or_scale_is_a_field_error(string verdict, string category, int? severity, string field)
    {
        var request = await Classification(verdict, category, severity);

        Assert.Equal(field, await RefusedField(_desk.SendAs("reviewer@demo.local", request)));
    }

    [Fact]
    public async Task An_unknown_disarm_technique_is_a_field_error_naming_it()
    {
        var request = await Classification(techniques: ["T0002", "T9999"]);

        Assert.Equal("disarmTechniques", await RefusedField(_desk.SendAs("reviewer@demo.local", request)));
    }

    [Fact]
    public async Task Known_disarm_techniques_are_kept_whatever_their_case_and_replaced_on_reclassification()
    {
        await _desk.SendAs("reviewer@demo.local", await Classification(techniques: ["t0002", "T0003", "T0002"]));
        Assert.Equal(["T0002", "T0003"], (await _desk.SendAs("reviewer@demo.local", new GetCase(_caseId))).DisarmTechniques);

        await _desk.SendAs("reviewer@demo.local", await Classification(techniques: ["T0004"]));
        Assert.Equal(["T0004"], (await _desk.SendAs("reviewer@demo.local", new GetCase(_caseId))).DisarmTechniques);
    }

    [Theory]
    [InlineData("member@demo.local")]
    [InlineData("reviewer@demo.local")]
    [InlineData("nobody@demo.local")]
    public async Task Assigning_to_someone_who_is_not_a_responder_is_a_field_error(string email)
    {
        var request = new AssignCase { CaseId = _caseId, ExpectedVersion = await _desk.Version(_caseId), ResponderEmail = email };

        Assert.Equal("responderEmail", await RefusedField(_desk.SendAs("reviewer@demo.local", request)));
    }

    [Fact]
    public async Task Assigning_to_a_responder_of_a_sibling_district_is_a_field_error()
    {
        await _desk.AddUser("responder2@demo.local", Role.Responder, "D2");
        var request = new AssignCase { CaseId = _caseId, ExpectedVersion = await _desk.Version(_caseId), ResponderEmail = "responder2@demo.local" };

        Assert.Equal("responderEmail", await RefusedField(_desk.SendAs("reviewer@demo.local", request)));
    }

    [Theory]
    [InlineData("D1-C1")]
    [InlineData("D1")]
    [InlineData("P")]
    public async Task A_responder_at_the_owning_unit_or_above_may_be_assigned(string unit)
    {
        await _desk.AddUser("responder3@demo.local", Role.Responder, unit);

        var changed = await _desk.SendAs("reviewer@demo.local",
            new AssignCase { CaseId = _caseId, ExpectedVersion = await _desk.Version(_caseId), ResponderEmail = "responder3@demo.local" });

        Assert.Equal(CaseStatus.Assigned, changed.Status);
        Assert.Equal("responder3@demo.local", (await _desk.SendAs("reviewer@demo.local", new GetCase(_caseId))).Assignee?.Email);
    }

    [Fact]
    public async Task A_responder_below_the_owning_unit_may_be_assigned()
    {
        var provincial = await _desk.NewCase("Tin giả về giá điện tăng gấp ba từ tháng sau", "admin@demo.local");
        await _desk.ForceStatus(provincial, CaseStatus.Triaged);

        var changed = await _desk.SendAs("admin@demo.local",
            new AssignCase { CaseId = provincial, ExpectedVersion = await _desk.Version(provincial), ResponderEmail = "responder@demo.local" });

        Assert.Equal(CaseStatus.Assigned, changed.Status);
    }

    [Fact]
    public async Task A_dismissal_needs_a_reason()
    {
        var request = new DismissCase { CaseId = _caseId, ExpectedVersion = await _desk.Version(_caseId), Reason = " " };

        Assert.Equal("reason", await RefusedField(_desk.SendAs("reviewer@demo.local", request)));
    }
}
