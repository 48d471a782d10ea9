using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Server.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class CaseConcurrencyTests : IAsyncLifetime
{
    private TestDesk _desk = default!;
    private long _caseId;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        _caseId = await _desk.NewCase();
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task A_write_without_a_version_is_refused_as_precondition_required()
    {
        var before = await _desk.Snapshot(_caseId);

        await Assert.ThrowsAsync<PreconditionRequiredException>(() =>
            _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Classification, _caseId, null)));

        Assert.Equal(before, await _desk.Snapshot(_caseId));
    }

    [Fact]
    public async Task A_write_from_a_stale_version_fails_its_precondition_and_changes_nothing()
    {
        var version = await _desk.Version(_caseId);
        await _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Classification, _caseId, version));
        var before = await _desk.Snapshot(_caseId);

        var stale = await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Dismissal, _caseId, version)));

        Assert.Equal(version + 1, stale.CurrentVersion);
        Assert.Equal(before, await _desk.Snapshot(_caseId));
    }

    [Fact]
    public async Task A_new_report_on_the_case_makes_an_earlier_version_stale()
    {
        var version = await _desk.Version(_caseId);
        await _desk.NewCase(); // same text: joins the case
        Assert.Equal(2, await _desk.Scalar<long>("SELECT report_count FROM cases WHERE id = @_caseId", new { _caseId }));

        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Classification, _caseId, version)));
    }

    [Fact]
    public async Task Of_two_classifications_from_the_same_version_exactly_one_wins()
    {
        var version = await _desk.Version(_caseId);
        async Task<object> Classify(string verdict)
        {
            try
            {
                return await Task.Run(() => _desk.SendAs("reviewer@demo.local",
                    new ClassifyCase { CaseId = _caseId, ExpectedVersion = version, Verdict = verdict, Category = "health", Severity = 2 }));
            }
            catch (PreconditionFailedException e)
            {
                return e;
            }
        }

        var results = await Task.WhenAll(Classify("false"), Classify("misleading"));

        var winner = Assert.Single(results.OfType<CaseChanged>());
        Assert.Single(results.OfType<PreconditionFailedException>());
        Assert.Equal(version + 1, winner.Version);
        Assert.Equal(version + 1, await _desk.Version(_caseId));
        Assert.Equal(1, await _desk.Scalar<long>(
            "SELECT count(*) FROM audit_events WHERE action = 'ClassifyCase' AND entity_id = @id", new { id = _caseId.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }
}
