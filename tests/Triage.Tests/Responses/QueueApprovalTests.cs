using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Responses;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Responses;

/// <summary>A coordinator decides per queue whether counter-messages need a second reviewer's approval.</summary>
public sealed class QueueApprovalTests
{
    private const string Coordinator = "coordinator@demo.local";
    private const string Responder = "responder@demo.local";
    private const string Reviewer = "reviewer@demo.local";
    private const string PostUrl = "https://facebook.com/hoiphunu/posts/duyet-truoc-khi-dang";

    private static DraftResponse Draft(long caseId) => new()
    {
        CaseId = caseId, Kind = "debunk", Channel = "facebook", Language = "vi",
        Text = "Sự thật: nước chanh không chữa được ung thư; hãy đi khám khi có dấu hiệu bệnh.",
    };

    private static async Task<(TestDesk Desk, long CaseId, long QueueId)> AssignedCase()
    {
        var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        await desk.ForceStatus(caseId, CaseStatus.Assigned);
        var queueId = await desk.Scalar<long>("SELECT queue_id FROM cases WHERE id = @caseId", new { caseId });
        return (desk, caseId, queueId);
    }

    /// <summary>What the settings page sends: the queue as listed, with only the approval rule changed.</summary>
    private static async Task<QueueInfo> SetApproval(TestDesk desk, long queueId, bool on)
    {
        var queue = (await desk.SendAs(Coordinator, new ListQueues())).Single(q => q.Id == queueId);
        return await desk.SendAs(Coordinator, new UpdateQueue
        {
            QueueId = queueId, Name = queue.Name, Order = queue.Order, Strategy = queue.Strategy, Cap = queue.Cap, RequiresApproval = on,
        });
    }

    private static PublishResponse Publication(TestDesk desk, long responseId) =>
        new() { ResponseId = responseId, PublishedUrl = PostUrl, PublishedAt = desk.Clock.GetUtcNow() };

    [Fact]
    public async Task The_approval_setting_round_trips_and_leaves_the_queues_other_settings_alone()
    {
        var (desk, _, queueId) = await AssignedCase();
        await using var _ = desk;
        var before = (await desk.SendAs(Coordinator, new ListQueues())).Single(q => q.Id == queueId);
        Assert.False(before.RequiresApproval);

        var on = await SetApproval(desk, queueId, true);
        var listed = (await desk.SendAs(Reviewer, new ListQueues())).Single(q => q.Id == queueId);
        var off = await SetApproval(desk, queueId, false);

        Assert.True(on.RequiresApproval);
        Assert.Equal(before with { RequiresApproval = true }, listed);
        Assert.Equal(before, off);
        Assert.Equal(0, await desk.Scalar<long>("SELECT requires_approval FROM queues WHERE id = @queueId", new { queueId }));
    }

    [Fact]
    public async Task A_new_queue_can_require_approval_from_the_start()
    {
        await using var desk = await TestDesk.CreateAsync();

        var created = await desk.SendAs(Coordinator, new CreateQueue { UnitId = await desk.UnitId("D1"), Name = "Cần duyệt", RequiresApproval = true });

        Assert.True(created.RequiresApproval);
        Assert.True((await desk.SendAs(Coordinator, new ListQueues())).Single(q => q.Id == created.Id).RequiresApproval);
    }

    [Fact]
    public async Task Only_a_coordinator_sets_the_approval_rule()
    {
        var (desk, _, queueId) = await AssignedCase();
        await using var _ = desk;

        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs(Reviewer, new UpdateQueue { QueueId = queueId, Name = "Inbox", RequiresApproval = true }));
        Assert.Equal(0, await desk.Scalar<long>("SELECT requires_approval FROM queues WHERE id = @queueId", new { queueId }));
    }

    [Fact]
    public async Task With_approval_on_a_responders_publication_is_refused_until_another_reviewer_approves()
    {
        var (desk, caseId, queueId) = await AssignedCase();
        await using var _ = desk;
        await SetApproval(desk, queueId, true);
        var draft = await desk.SendAs(Responder, Draft(caseId));

        var refused = await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs(Responder, Publication(desk, draft.ResponseId)));
        Assert.Equal(ResponseRules.NeedsApproval, refused.Code);
        Assert.Equal("assigned", await desk.Scalar<string>("SELECT status FROM cases WHERE id = @caseId", new { caseId }));
        Assert.Equal("draft", await desk.Scalar<string>("SELECT status FROM counter_messages WHERE id = @ResponseId", new { draft.ResponseId }));
        // Approving is a reviewer's act; the responder cannot approve their own message either.
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs(Responder, new ApproveResponse(draft.ResponseId)));

        Assert.Equal(ResponseStatus.Approved, (await desk.SendAs(Reviewer, new ApproveResponse(draft.ResponseId))).Status);
        Assert.Equal(ResponseStatus.Published, (await desk.SendAs(Responder, Publication(desk, draft.ResponseId))).Status);
        Assert.Equal("responded", await desk.Scalar<string>("SELECT status FROM cases WHERE id = @caseId", new { caseId }));
    }

    [Fact]
    public async Task With_approval_turned_off_again_a_responder_publishes_directly()
    {
        var (desk, caseId, queueId) = await AssignedCase();
        await using var _ = desk;
        await SetApproval(desk, queueId, true);
        await SetApproval(desk, queueId, false);
        var draft = await desk.SendAs(Responder, Draft(caseId));

        Assert.Equal(ResponseStatus.Published, (await desk.SendAs(Responder, Publication(desk, draft.ResponseId))).Status);
        Assert.Equal("responded", await desk.Scalar<string>("SELECT status FROM cases WHERE id = @caseId", new { caseId }));
    }

    [Fact]
    public async Task A_draft_published_at_once_is_refused_while_the_queue_requires_approval()
    {
        var (desk, caseId, queueId) = await AssignedCase();
        await using var _ = desk;
        await SetApproval(desk, queueId, true);
        var draft = Draft(caseId);
        draft.PublishedUrl = PostUrl;
        draft.PublishedAt = desk.Clock.GetUtcNow();

        var refused = await Assert.ThrowsAsync<ConflictException>(() => desk.SendAs(Responder, draft));

        Assert.Equal(ResponseRules.NeedsApproval, refused.Code);
        Assert.Equal(0, await desk.Scalar<long>("SELECT count(*) FROM counter_messages WHERE case_id = @caseId", new { caseId }));
    }
}

/// <summary><c>PUT /api/v1/queues/{id}</c> carries <c>requiresApproval</c> both ways.</summary>
public sealed class QueueApprovalApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private Task<HttpClient> Bearer(string email) => desk.BearerClient(email);

    [Fact]
    public async Task A_coordinator_turns_approval_on_over_the_api_and_the_queue_list_says_so()
    {
        var coordinator = await Bearer("coordinator@demo.local");
        var units = await (await coordinator.GetAsync("/api/v1/units")).Json<JsonElement>();
        var d1 = units.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "D1").GetProperty("id").GetInt64();
        var created = await coordinator.PostAsJsonAsync("/api/v1/queues", new { unitId = d1, name = "Phản bác cần duyệt" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var queue = await created.Json<JsonElement>();
        Assert.False(queue.GetProperty("requiresApproval").GetBoolean());
        var id = queue.GetProperty("id").GetInt64();

        var updated = await coordinator.PutAsJsonAsync($"/api/v1/queues/{id}", new { name = "Phản bác cần duyệt", requiresApproval = true });

        Assert.True((await updated.Json<JsonElement>()).GetProperty("requiresApproval").GetBoolean());
        var listed = await (await coordinator.GetAsync("/api/v1/queues")).Json<JsonElement>();
        Assert.True(listed.GetProperty("items").EnumerateArray().Single(q => q.GetProperty("id").GetInt64() == id).GetProperty("requiresApproval").GetBoolean());
    }
}

/// <summary>The queue settings dialog shows the approval rule as a switch and sends what the coordinator chose.</summary>
public sealed class QueueDialogApprovalTests
{
    private static readonly QueueInfo Health = new(41, "Y tế", new Triage.Client.Units.UnitRef(2, "D1", "Quận 1"), false,
        AssignmentStrategy.Manual, null, 3, QueueOrder.Priority, RequiresApproval: true);

    [Fact]
    public async Task The_switch_starts_from_the_queue_and_turning_it_off_is_saved()
    {
        var mediator = new Triage.Tests.Components.FakeMediator().On<UpdateQueue, QueueInfo>(u => Health with { RequiresApproval = u.RequiresApproval });
        await using var ctx = Triage.Tests.Components.ComponentContext.Create("vi-VN", s => s.AddSingleton<MediatR.IMediator>(mediator));
        Triage.Tests.Components.ComponentContext.UseCulture("vi-VN");
        ctx.Render<MudBlazor.MudPopoverProvider>();
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        var service = ctx.Services.GetRequiredService<MudBlazor.IDialogService>();

        await dialogs.InvokeAsync(() => service.ShowAsync<Triage.Client.Routing.QueueDialog>("Y tế",
            new MudBlazor.DialogParameters<Triage.Client.Routing.QueueDialog> { { d => d.UnitId, 2L }, { d => d.Queue, Health } }));

        var toggle = dialogs.WaitForElement("[data-requires-approval] input, input[data-requires-approval]");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)toggle).IsChecked);
        Assert.Contains("người thẩm định khác", dialogs.Markup, StringComparison.Ordinal);
        toggle.Change(false);
        dialogs.Find("form").Submit();

        dialogs.WaitForAssertion(() => Assert.False(Assert.Single(mediator.SentOf<UpdateQueue>()).RequiresApproval));
        Assert.Equal("Y tế", mediator.SentOf<UpdateQueue>().Single().Name);
    }
}
