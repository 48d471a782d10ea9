using System.Text.Json;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Client.Webhooks;
using Triage.Server.Pipeline;
using Triage.Server.Webhooks;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Webhooks;

public sealed class WebhookOutboxTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<CaseChanged> Classify(long caseId, long version) => _desk.SendAs("reviewer@demo.local",
        new ClassifyCase { CaseId = caseId, ExpectedVersion = version, Verdict = "misleading", Category = "health", Severity = 3 });

    [Fact]
    public async Task A_classification_enqueues_one_delivery_per_subscribed_webhook_and_none_for_the_others()
    {
        var first = await _desk.Webhook(WebhookEvents.CaseClassified, WebhookEvents.CaseClosed);
        var second = await _desk.Webhook(WebhookEvents.CaseClassified);
        await _desk.Webhook(WebhookEvents.CaseClosed);
        var caseId = await _desk.NewCase();

        await Classify(caseId, await _desk.Version(caseId));

        await using var connection = await _desk.Db.OpenAsync();
        var rows = (await connection.QueryAsync<(long WebhookId, string Event, long CaseId, string Status)>(
            "SELECT webhook_id, event, case_id, status FROM webhook_deliveries ORDER BY webhook_id")).ToList();
        Assert.Equal([(first, "case.classified", caseId, "pending"), (second, "case.classified", caseId, "pending")], rows);
    }

    [Fact]
    public async Task A_new_case_enqueues_case_created_only_for_its_subscribers()
    {
        var created = await _desk.Webhook(WebhookEvents.CaseCreated);
        await _desk.Webhook(WebhookEvents.CaseAssigned);

        var caseId = await _desk.NewCase();

        Assert.Equal(1, await _desk.Deliveries());
        Assert.Equal(created, await _desk.Scalar<long>("SELECT webhook_id FROM webhook_deliveries WHERE event = 'case.created' AND case_id = @caseId", new { caseId }));
    }

    [Fact]
    public async Task Assignment_and_closing_enqueue_their_events()
    {
        await _desk.Webhook(WebhookEvents.CaseAssigned, WebhookEvents.CaseClosed);
        var caseId = await _desk.NewCase();
        await Classify(caseId, await _desk.Version(caseId));

        await _desk.SendAs("reviewer@demo.local", new AssignCase { CaseId = caseId, ExpectedVersion = await _desk.Version(caseId), ResponderEmail = "responder@demo.local" });
        await _desk.SendAs("reviewer@demo.local", new CloseCase { CaseId = caseId, ExpectedVersion = await _desk.Version(caseId), Outcome = CaseTransitions.NoResponseNeeded });

        var events = await _desk.Scalar<string>("SELECT string_agg(event, ' ') FROM (SELECT event FROM webhook_deliveries ORDER BY id) AS t");
        Assert.Equal("case.assigned case.closed", events);
    }

    [Fact]
    public async Task Publishing_a_counter_message_enqueues_case_responded_with_its_link()
    {
        await _desk.Webhook(WebhookEvents.CaseResponded);
        var caseId = await _desk.NewCase();
        await _desk.ForceStatus(caseId, CaseStatus.Assigned);
        var draft = await _desk.SendAs("responder@demo.local", new DraftResponse
        {
            CaseId = caseId, Kind = "debunk", Channel = "facebook", Language = "vi",
            Fact = "Nước chanh không chữa được ung thư.", Myth = "Tin đồn nói uống nước chanh nóng chữa khỏi ung thư.",
            Fallacy = "Mượn danh bác sĩ để tạo lòng tin.", Text = "Sự thật: nước chanh không chữa được ung thư; hãy đi khám khi có dấu hiệu bệnh.",
        });

        await _desk.SendAs("responder@demo.local", new PublishResponse
        {
            ResponseId = draft.ResponseId, PublishedUrl = "https://facebook.com/ttxvn/posts/su-that", PublishedAt = _desk.Clock.GetUtcNow(),
        });

        using var json = JsonDocument.Parse(await _desk.Scalar<string>("SELECT payload FROM webhook_deliveries WHERE event = 'case.responded'"));
        var c = json.RootElement.GetProperty("case");
        Assert.Equal("responded", c.GetProperty("status").GetString());
        Assert.Equal("https://facebook.com/ttxvn/posts/su-that", c.GetProperty("counterMessageUrl").GetString());
        Assert.Equal(1, await _desk.Deliveries());
    }

    [Fact]
    public async Task A_refused_write_enqueues_nothing()
    {
        await _desk.Webhook(WebhookEvents.CaseClassified);
        var caseId = await _desk.NewCase();

        var stale = await _desk.Version(caseId) + 7;

        await Assert.ThrowsAsync<PreconditionFailedException>(() => Classify(caseId, stale));

        Assert.Equal(0, await _desk.Deliveries());
    }

    [Fact]
    public async Task Deliveries_written_in_a_transaction_that_rolls_back_are_gone_with_it()
    {
        await _desk.Webhook(WebhookEvents.CaseClassified);
        var caseId = await _desk.NewCase();

        await using (var connection = await _desk.Db.OpenAsync())
        await using (var tx = connection.BeginTransaction())
        {
            var work = new Work(connection, tx, Actor.System, _desk.Clock.GetUtcNow());
            await WebhookOutbox.EnqueueAsync(work, WebhookEvents.CaseClassified, caseId);
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_deliveries", transaction: tx));
            await tx.RollbackAsync();
        }

        Assert.Equal(0, await _desk.Deliveries());
    }

    [Fact]
    public async Task A_disabled_webhook_is_sent_nothing_new()
    {
        var webhook = await _desk.Webhook(WebhookEvents.CaseCreated);
        await _desk.Execute("UPDATE webhooks SET disabled_at = '2026-11-26T07:00:00.0000000Z' WHERE id = @webhook", new { webhook });

        await _desk.NewCase();

        Assert.Equal(0, await _desk.Deliveries());
    }

    [Fact]
    public async Task The_payload_names_the_case_by_codes_and_carries_nothing_about_reporters_or_their_words()
    {
        await _desk.Webhook(WebhookEvents.CaseCreated, WebhookEvents.CaseClassified);
        var caseId = await _desk.NewCase();
        await Classify(caseId, await _desk.Version(caseId));

        var payload = await _desk.Scalar<string>("SELECT payload FROM webhook_deliveries WHERE event = 'case.classified'");
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        Assert.Equal("case.classified", root.GetProperty("event").GetString());
        Assert.Equal(caseId, root.GetProperty("caseId").GetInt64());
        var c = root.GetProperty("case");
        Assert.Equal(("triaged", "misleading", "health", 3), (c.GetProperty("status").GetString(), c.GetProperty("verdict").GetString(),
            c.GetProperty("category").GetString(), c.GetProperty("severity").GetInt32()));
        Assert.Equal("D1-C1", c.GetProperty("unit").GetProperty("code").GetString());

        Assert.Equal(
            ["case", "caseId", "category", "code", "counterMessageUrl", "event", "id", "name", "occurredAt", "reportCount", "severity", "status", "unit", "verdict"],
            Names(root).Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotContain("member@demo.local", payload, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("chanh", payload, StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind == JsonValueKind.Object
        ? element.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name))
        : [];
}
