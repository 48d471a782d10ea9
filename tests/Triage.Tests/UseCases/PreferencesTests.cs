using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

public sealed class PreferencesTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task Screenshots_are_blurred_for_everyone_until_they_say_otherwise()
    {
        Assert.True((await _desk.SendAs("reviewer@demo.local", new GetPreferences())).BlurEvidence);
        Assert.True((await _desk.SendAs("member@demo.local", new GetPreferences())).BlurEvidence);
    }

    [Fact]
    public async Task Turning_blurring_off_holds_for_that_user_only_and_can_be_turned_back_on()
    {
        var off = await _desk.SendAs("reviewer@demo.local", new SetEvidenceBlur(false));

        Assert.False(off.BlurEvidence);
        Assert.False((await _desk.SendAs("reviewer@demo.local", new GetPreferences())).BlurEvidence);
        Assert.True((await _desk.SendAs("reviewer2@demo.local", new GetPreferences())).BlurEvidence);

        await _desk.SendAs("reviewer@demo.local", new SetEvidenceBlur(true));
        Assert.True((await _desk.SendAs("reviewer@demo.local", new GetPreferences())).BlurEvidence);
    }

    [Fact]
    public async Task Any_signed_in_user_may_set_it_and_the_change_is_audited()
    {
        await _desk.SendAs("member@demo.local", new SetEvidenceBlur(false));

        Assert.Equal(1, await _desk.Scalar<long>(
            "SELECT count(*) FROM audit_events WHERE action = 'SetEvidenceBlur' AND entity_id = @id",
            new { id = (await _desk.UserId("member@demo.local")).ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public async Task Nobody_signed_in_has_no_preferences_to_set()
    {
        await Assert.ThrowsAsync<NotSignedInException>(() => _desk.SendAs(null, new SetEvidenceBlur(false)));
        await Assert.ThrowsAsync<NotSignedInException>(() => _desk.SendAs(null, new GetPreferences()));
    }
}
