namespace Triage.Client.Queue;

/// <summary>Resource keys of the queue's field messages (tools/strings/queue_server.py).</summary>
public static class QueueRules
{
    public const string CursorInvalid = "Validation.CursorInvalid";
    public const string UnknownStatus = "Validation.UnknownStatus";
    public const string UnknownSort = "Validation.UnknownSort";
    public const string NotANumber = "Validation.NotANumber";
    public const string NotABoolean = "Validation.NotABoolean";
}
