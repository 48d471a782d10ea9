using System.Text.Json;
using Triage.Client.Live;
using Triage.Server.Live;

namespace Triage.Tests.Live;

public sealed class LiveMessageTests
{
    public static TheoryData<LiveEvent> Events() =>
    [
        new CaseChangedEvent(11, 7, "/1/2/", ["/1/2/5/", "/1/3/"]),
        new NotificationsChangedEvent(4),
        new PresenceChangedEvent(12),
        new CaseViewersEvent("server-b", 9, 12, [new Viewer(3, "Nguyễn Thị Lan")]),
        new CaseViewersEvent("server-b", 10, 12, []),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_reads_back_as_written_with_its_origin(LiveEvent written)
    {
        var payload = LiveMessage.Write("server-a", written);

        Assert.True(LiveMessage.TryRead(payload, out var origin, out var read, out var error), error);
        Assert.Equal("server-a", origin);
        Assert.Equal(written.GetType(), read.GetType());
        Assert.Equal(JsonSerializer.Serialize(written, written.GetType()), JsonSerializer.Serialize(read, read.GetType()));
    }

    [Fact]
    public void The_message_names_its_origin_and_the_events_type_in_camel_case()
    {
        var payload = LiveMessage.Write("server-a", new CaseChangedEvent(11, 7, "/1/", []));

        using var json = JsonDocument.Parse(payload);
        Assert.Equal("server-a", json.RootElement.GetProperty("origin").GetString());
        var liveEvent = json.RootElement.GetProperty("event");
        Assert.Equal("case", liveEvent.GetProperty("type").GetString());
        Assert.Equal(11, liveEvent.GetProperty("caseId").GetInt64());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"event":{"type":"presence","caseId":1}}""")]
    [InlineData("""{"origin":"","event":{"type":"presence","caseId":1}}""")]
    [InlineData("""{"origin":"b"}""")]
    [InlineData("""{"origin":"b","event":null}""")]
    [InlineData("""{"origin":"b","event":{"caseId":1}}""")]
    [InlineData("""{"origin":"b","event":{"type":"unknown","caseId":1}}""")]
    [InlineData("""{"origin":"b","event":{"type":"case","caseId":1,"version":1,"ownerUnitPath":"/1/"}}""")]
    [InlineData("""{"origin":"b","event":{"type":"case","caseId":1,"version":1,"ownerUnitPath":null,"reporterUnitPaths":[]}}""")]
    [InlineData("""{"origin":"b","event":{"type":"notifications","userId":"one"}}""")]
    [InlineData("""{"origin":"b","event":{"type":"viewers","server":"b","sequence":1,"caseId":1}}""")]
    [InlineData("""{"origin":"b","event":{"type":"viewers","server":"b","sequence":1,"caseId":1,"viewers":[{"userId":3}]}}""")]
    public void A_message_no_server_wrote_is_refused_with_a_reason(string payload)
    {
        Assert.False(LiveMessage.TryRead(payload, out _, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void The_type_tag_may_come_after_the_fields()
    {
        Assert.True(LiveMessage.TryRead("""{"event":{"userId":3,"type":"notifications"},"origin":"b"}""", out _, out var read, out var error), error);
        Assert.Equal(new NotificationsChangedEvent(3), read);
    }
}
