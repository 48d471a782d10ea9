using System.Net;
using System.Text;
using System.Text.Json;
using Triage.Client.Units;
using Triage.Client.Webhooks;
using Triage.Tests.Cases;
using Triage.Tests.Support;
using Triage.Tests.Webhooks;

namespace Triage.Tests.Security;

public sealed class HostileWebhookTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task A_hostile_unit_name_reaches_a_webhook_json_escaped_and_parses_back_to_the_same_characters()
    {
        await _desk.Webhook(WebhookEvents.CaseCreated);
        // The member's whole path, so whichever unit comes to own the case carries the name.
        foreach (var code in new[] { "P", "D1", "D1-C1" })
            await _desk.SendAs("admin@demo.local", new RenameUnit { Id = await _desk.UnitId(code), Name = HostilePayloads.Name });
        await _desk.NewCase();
        var receiver = new Receiver(HttpStatusCode.NoContent);

        Assert.Equal(1, await _desk.Dispatcher(receiver).PassAsync());

        var body = Assert.Single(receiver.Requests).Body;
        var raw = Encoding.UTF8.GetString(body);
        // Escaped as \u003C and \u0022: a receiver that drops the payload into a page, a log viewer or a shell quote gets no markup.
        Assert.DoesNotContain("<", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror=alert(1) data-hostile=\"", raw, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(HostilePayloads.Name, json.RootElement.GetProperty("case").GetProperty("unit").GetProperty("name").GetString());
    }
}
