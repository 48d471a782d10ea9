using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Audit;

/// <summary>
/// The audit log, newest first, narrowed by who, which case, what and when. "Newest" is the chain's own
/// order (event id), which is also the order events were written in. The cursor is opaque; a page never
/// counts or skips rows.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record ListAuditEvents : IRequest<AuditEventPage>
{
    public const int MaxLimit = 200;

    /// <summary>A user id, an email, or <see cref="SystemActor"/> for what the desk did by itself.</summary>
    [StringLength(320, ErrorMessage = FieldRules.TooLong)]
    public string? Actor { get; init; }

    /// <summary>Events whose subject is this case.</summary>
    public long? CaseId { get; init; }

    /// <summary>The action as stored: the request type's name, e.g. ClassifyCase.</summary>
    [StringLength(100, ErrorMessage = FieldRules.TooLong)]
    public string? Action { get; init; }

    /// <summary>Events at or after this moment.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Events before this moment (exclusive, so consecutive windows never share an event).</summary>
    public DateTimeOffset? To { get; init; }

    [StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string? Cursor { get; init; }

    [Range(1, MaxLimit, ErrorMessage = FieldRules.OutOfRange)]
    public int Limit { get; init; } = 50;

    public const string SystemActor = "system";
}

public sealed record AuditEventPage(IReadOnlyList<AuditEventItem> Items, string? NextCursor);

/// <summary>
/// One event. <see cref="Actor"/> is null for the system; <see cref="RecordedActor"/> is the name the event was
/// written with (the email at the time). <see cref="Details"/> flattens what was asked and what the handler recorded.
/// </summary>
public sealed record AuditEventItem(
    long Id,
    DateTimeOffset At,
    Person? Actor,
    string RecordedActor,
    string Action,
    string? SubjectType,
    string? SubjectId,
    IReadOnlyDictionary<string, string> Details,
    string HashPrefix);

public static class AuditRules
{
    public const string UnknownActor = "Validation.Audit.UnknownActor";
    public const string FromAfterTo = "Validation.Audit.FromAfterTo";
    public const string NotATime = "Validation.Audit.NotATime";
}
