using System.Data.Common;
using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Sla;

/// <summary>
/// Computes the due times of the cases migration 0011's triggers marked stale (a new case, a new queue, a new
/// severity, a reopening), from when the case entered its queue and the queue's policy for its severity
/// (else the queue-wide one). Done in C# because business hours in the desk's zone are beyond SQL; done for
/// the marked rows of the whole transaction rather than by each handler, so every writer is covered.
/// </summary>
public sealed class SlaDues(IOptions<SlaOptions> sla, Client.Layout.DeskTime time)
{
    private readonly Lazy<BusinessHours> _hours = new(() => BusinessHours.Parse(sla.Value.BusinessHours));

    public BusinessHours Hours => _hours.Value;
    public TimeZoneInfo Zone => time.Zone;

    public DateTimeOffset Due(DateTimeOffset start, int minutes, bool businessHours) =>
        businessHours ? Hours.Add(start, minutes, Zone) : start.AddMinutes(minutes);

    /// <summary>Computes every marked case's dues inside the caller's write transaction; answers how many.</summary>
    public async Task<int> ApplyPendingAsync(DbConnection connection, DbTransaction tx)
    {
        // Cases of queues without any policy need no arithmetic: one statement clears them all.
        var cleared = await connection.ExecuteAsync("""
            UPDATE cases SET triage_due_at = NULL, response_due_at = NULL, sla_stale = FALSE
            WHERE sla_stale = TRUE AND NOT EXISTS (SELECT 1 FROM sla_policies p WHERE p.queue_id = cases.queue_id)
            """, transaction: tx);
        var rows = (await connection.QueryAsync<Row>("""
            SELECT c.id AS Id, coalesce(c.sla_started_at, c.updated_at) AS StartedAt,
                   p.severity AS PolicySeverity, p.triage_minutes AS TriageMinutes, p.response_minutes AS ResponseMinutes,
                   p.business_hours AS BusinessHours
            FROM cases c
                 LEFT JOIN sla_policies p ON p.queue_id = c.queue_id AND p.severity IN (coalesce(c.severity, 0), 0)
            WHERE c.sla_stale = TRUE
            ORDER BY c.id, p.severity DESC
            """, transaction: tx)).ToList();
        var count = cleared;
        foreach (var row in rows.GroupBy(r => r.Id).Select(g => g.First()))
        {
            DateTimeOffset? triage = null, response = null;
            if (row.TriageMinutes is { } t && row.ResponseMinutes is { } r)
            {
                triage = Due(row.StartedAt, t, row.BusinessHours);
                response = Due(row.StartedAt, r, row.BusinessHours);
            }
            await connection.ExecuteAsync("""
                UPDATE cases SET triage_due_at = @triage, response_due_at = @response, sla_stale = FALSE WHERE id = @Id
                """, new { row.Id, triage, response }, tx);
            count++;
        }
        return count;
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTimeOffset StartedAt { get; init; }
        public int? PolicySeverity { get; init; }
        public int? TriageMinutes { get; init; }
        public int? ResponseMinutes { get; init; }
        public bool BusinessHours { get; init; }
    }
}

/// <summary>
/// Runs inside the transaction behaviour, after the handler: whatever the command did to a case's queue or
/// severity, its due times are right when the transaction commits.
/// </summary>
public sealed class SlaDuesBehavior<TRequest, TResult>(SlaDues dues) : IPipelineBehavior<TRequest, TResult>
{
    public async Task<TResult> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResult> next)
    {
        var result = await next();
        if (request is ICommand<TResult>)
        {
            var work = RequestContext.Work;
            await dues.ApplyPendingAsync(work.Connection, work.Transaction);
        }
        return result;
    }
}

public static class SlaRegistration
{
    /// <summary>After the pipeline's behaviours, so the dues behaviour runs innermost, inside the transaction.</summary>
    public static IServiceCollection AddDeskSla(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.Section));
        services.AddSingleton<SlaDues>();
        services.AddSingleton<SlaWatcher>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(SlaDuesBehavior<,>));
        return services;
    }
}
