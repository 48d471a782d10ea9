using System.Reflection;
using Triage.Client.Pipeline;

namespace Triage.Client.Audit;

/// <summary>
/// What the audit page filters by, in the page's terms: whole days in the desk's zone, the "to" day included.
/// </summary>
public sealed record AuditFilter(string? ActorEmail = null, long? CaseId = null, string? Action = null, DateOnly? FromDate = null, DateOnly? ToDate = null)
{
    public ListAuditEvents ToRequest(string? cursor, TimeZoneInfo zone) => new()
    {
        Actor = string.IsNullOrWhiteSpace(ActorEmail) ? null : ActorEmail.Trim(),
        CaseId = CaseId,
        Action = Action,
        From = FromDate is { } from ? StartOf(from, zone) : null,
        To = ToDate is { } to ? StartOf(to.AddDays(1), zone) : null,
        Cursor = cursor,
    };

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

/// <summary>The actions an audit event can name: every command's type name, and what the desk writes by itself.</summary>
public static class AuditActions
{
    /// <summary>Written outside the command pipeline: SLA breaches and the seeds of a new desk.</summary>
    public static readonly IReadOnlyList<string> System =
        ["SlaBreach", "TaxonomySeeded", "DisarmTechniquesSeeded", "DisarmCountermeasuresSeeded", "DemoSeeded"];

    public static IReadOnlyList<string> Known { get; } = typeof(ICommand<>).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)))
        .Select(t => t.Name)
        .Concat(System)
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();
}
