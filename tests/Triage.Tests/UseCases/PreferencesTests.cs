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

    [Fact]
    public async Task Times_follow_the_desk_zone_until_a_user_picks_their_own()
    {
        Assert.Null((await _desk.SendAs("member@demo.local", new GetPreferences())).TimeZone);

        var chosen = await _desk.SendAs("member@demo.local", new SetTimeZone("Europe/Berlin"));

        Assert.Equal("Europe/Berlin", chosen.TimeZone);
        Assert.Equal("Europe/Berlin", (await _desk.SendAs("member@demo.local", new GetPreferences())).TimeZone);
        Assert.Null((await _desk.SendAs("reviewer@demo.local", new GetPreferences())).TimeZone);
        Assert.True(chosen.BlurEvidence);
    }

    [Fact]
    public async Task A_windows_zone_name_is_kept_as_its_iana_name()
    {
        var chosen = await _desk.SendAs("member@demo.local", new SetTimeZone("SE Asia Standard Time"));

        Assert.Equal("Asia/Bangkok", chosen.TimeZone);
    }

    [Fact]
    public async Task An_unknown_zone_is_a_field_error_and_changes_nothing()
    {
        await _desk.SendAs("member@demo.local", new SetTimeZone("Asia/Tokyo"));

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("member@demo.local", new SetTimeZone("Mars/Olympus_Mons")));

        Assert.Contains("timeZone", refused.Errors.Keys);
        Assert.Equal("Asia/Tokyo", (await _desk.SendAs("member@demo.local", new GetPreferences())).TimeZone);
    }

    [Fact]
    public async Task Clearing_the_zone_goes_back_to_the_desk_zone_and_keeps_the_blur_choice()
    {
        await _desk.SendAs("member@demo.local", new SetEvidenceBlur(false));
        await _desk.SendAs("member@demo.local", new SetTimeZone("Asia/Tokyo"));

        var cleared = await _desk.SendAs("member@demo.local", new SetTimeZone(null));

        Assert.Null(cleared.TimeZone);
        Assert.False(cleared.BlurEvidence);
    }

    [Fact]
    public async Task Turning_blurring_back_on_keeps_the_chosen_zone()
    {
        await _desk.SendAs("member@demo.local", new SetTimeZone("Asia/Tokyo"));

        var blurred = await _desk.SendAs("member@demo.local", new SetEvidenceBlur(true));

        Assert.Equal("Asia/Tokyo", blurred.TimeZone);
    }
}
