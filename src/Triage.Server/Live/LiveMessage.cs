using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Triage.Client.Live;

namespace Triage.Server.Live;

/// <summary>
/// What travels between servers: the event as JSON (its <c>type</c> tag says which) and the server that published it,
/// so that server can skip its own message when Redis echoes it back.
/// </summary>
public static class LiveMessage
{
    private sealed record Envelope(string Origin, LiveEvent Event);

    // Strict on the way in: a message from a server of another version, or anything else on the channel,
    // must be refused here rather than reach a page as an event with a null list in it.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowOutOfOrderMetadataProperties = true,
    };

    public static string Write(string origin, LiveEvent liveEvent)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentNullException.ThrowIfNull(liveEvent);
        return JsonSerializer.Serialize(new Envelope(origin, liveEvent), Json);
    }

    /// <summary>False, with the reason, when the message is not one a server wrote.</summary>
    public static bool TryRead(string payload, [NotNullWhen(true)] out string? origin, [NotNullWhen(true)] out LiveEvent? liveEvent, [NotNullWhen(false)] out string? error)
    {
        origin = null;
        liveEvent = null;
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(payload, Json);
            if (envelope is null || string.IsNullOrEmpty(envelope.Origin))
            {
                error = "no origin";
                return false;
            }
            origin = envelope.Origin;
            liveEvent = envelope.Event;
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // NotSupportedException: an event without its type tag cannot become the abstract LiveEvent.
            error = e.Message;
            return false;
        }
    }
}
