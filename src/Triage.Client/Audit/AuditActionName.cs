using Microsoft.Extensions.Localization;
using Triage.Client.Resources;

namespace Triage.Client.Audit;

/// <summary>An action in the reader's words where the case timeline has some, else by its stored name.</summary>
public static class AuditActionName
{
    public static string Of(IStringLocalizer<Strings> l, string action, bool withCode = false) =>
        l[$"CaseTimeline.Action.{action}"] is { ResourceNotFound: false } name
            ? withCode ? $"{name.Value} ({action})" : name.Value
            : action;
}
