using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Client.Settings;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Admin;

/// <summary>The admin's organisation name overrides Triage:Organisation:Name wherever the desk names itself.</summary>
public sealed class OrganisationNameTests : IAsyncLifetime
{
    private const string Admin = "admin@demo.local";
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<long> PublishedDebunk()
    {
        var caseId = await _desk.NewCase();
        await _desk.ForceStatus(caseId, CaseStatus.Assigned);
        var draft = await _desk.SendAs("responder@demo.local", new DraftResponse
        {
            CaseId = caseId, Kind = "debunk", Channel = "facebook", Language = "vi",
            Fact = "Nước chanh không chữa được ung thư.", Text = "Sự thật: nước chanh không chữa được ung thư; hãy đi khám khi có dấu hiệu bệnh.",
        });
        await _desk.SendAs("responder@demo.local", new PublishResponse
        {
            ResponseId = draft.ResponseId, PublishedUrl = "https://facebook.com/hoiphunu/posts/1", PublishedAt = _desk.Clock.GetUtcNow(),
        });
        return caseId;
    }

    [Fact]
    public async Task The_claim_review_author_is_the_admins_name_and_falls_back_to_the_configuration_when_cleared()
    {
        var caseId = await PublishedDebunk();
        Assert.Equal("Triage", (await _desk.SendAs("reviewer@demo.local", new GetClaimReview(caseId))).Author.Name);

        await _desk.SendAs(Admin, new SetOrganisationName { Name = "  Hội Liên hiệp Phụ nữ tỉnh  " });
        Assert.Equal("Hội Liên hiệp Phụ nữ tỉnh", (await _desk.SendAs("reviewer@demo.local", new GetClaimReview(caseId))).Author.Name);

        await _desk.SendAs(Admin, new SetOrganisationName { Name = "" });
        Assert.Equal("Triage", (await _desk.SendAs("reviewer@demo.local", new GetClaimReview(caseId))).Author.Name);
    }

    [Fact]
    public async Task Everyone_signed_in_reads_the_name_for_the_app_bar_and_the_settings_say_what_it_overrides()
    {
        await _desk.SendAs(Admin, new SetOrganisationName { Name = "Hội Liên hiệp Phụ nữ tỉnh" });

        Assert.Equal("Hội Liên hiệp Phụ nữ tỉnh", (await _desk.SendAs("member@demo.local", new GetMe())).Organisation);
        var settings = await _desk.SendAs(Admin, new GetDeskSettings());
        Assert.Equal(("Hội Liên hiệp Phụ nữ tỉnh", "Triage", true), (settings.OrganisationName, settings.ConfiguredOrganisationName, settings.OrganisationOverridden));
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'SetOrganisationName'"));
    }

    [Fact]
    public async Task Only_admins_read_or_change_the_settings()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new SetOrganisationName { Name = "Khác" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new GetDeskSettings()));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new SetBackupSchedule { IntervalHours = 1, Keep = 1 }));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("coordinator@demo.local", new BackUpNow()));
    }
}
