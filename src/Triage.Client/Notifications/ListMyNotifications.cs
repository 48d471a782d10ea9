using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Notifications;

public enum NotificationKind
{
    Mention,
    Assignment,
    /// <summary>A case rose to a unit whose reviewers should look at it.</summary>
    Escalation,
    /// <summary>A case missed its SLA due time.</summary>
    Breach,
    /// <summary>A case the member reported was answered with a published counter-message.</summary>
    Outcome,
    /// <summary>A counter-message of a case the reviewer's unit owns waits for their approval.</summary>
    Approval,
}

/// <summary>The caller's notifications, newest first, with how many are unread.</summary>
[AllowSignedIn, AllowBeforeTwoFactorEnrolment]
public sealed class ListMyNotifications : IRequest<NotificationPage>
{
    public bool UnreadOnly { get; set; }

    [Range(1, 200, ErrorMessage = FieldRules.OutOfRange)]
    public int Limit { get; set; } = 50;
}

public sealed record NotificationPage(IReadOnlyList<Notification> Items, int Unread);

public sealed record Notification(long Id, NotificationKind Kind, long? CaseId, string? CaseTitle, Person? From, string? Excerpt, DateTimeOffset At, bool Read);

/// <summary>Marks the caller's notifications read: these ids, or all of them when none are given.</summary>
[AllowSignedIn, AllowBeforeTwoFactorEnrolment]
public sealed record MarkNotificationsRead(
    [property: MaxLength(MarkNotificationsRead.MaxIds, ErrorMessage = FieldRules.TooMany)] IReadOnlyList<long>? Ids = null) : ICommand<int>
{
    public const int MaxIds = 500;
}
