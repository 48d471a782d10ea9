using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MediatR;
using Triage.Client.Pipeline;
using Triage.Server.Audit;
using Triage.Server.Data;
using Triage.Server.Live;
using Triage.Client.Live;

namespace Triage.Server.Pipeline;

/// <summary>
/// Gives a state-changing request one connection and one transaction, and appends its audit event
/// inside that same transaction: the change and its trace commit together or not at all. What the
/// command announced for open pages goes out only after the commit.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResult>(Db db, AuditTrail audit, TimeProvider clock, WriteGate gate, ILiveBus bus)
    : IPipelineBehavior<TRequest, TResult>
{
    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropSecrets } },
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<TResult> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResult> next)
    {
        if (request is not ICommand<TResult>) return await next();

        using var turn = await gate.EnterAsync(cancellationToken);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginWriteAsync(cancellationToken);
        var actor = RequestContext.Actor;
        var work = new Work(connection, tx, actor, clock.GetUtcNow());
        RequestContext.Enter(work);
        try
        {
            var result = await next();
            var data = JsonSerializer.Serialize(new { request, details = work.AuditDetails.Count > 0 ? work.AuditDetails : null }, AuditJson);
            await audit.AppendAsync(connection, tx, new AuditEntry(
                actor.UserId, actor.IsSystem ? "system" : actor.Email, typeof(TRequest).Name, work.EntityType, work.EntityId, data));
            if (work.EntityType == "case" && long.TryParse(work.EntityId, System.Globalization.CultureInfo.InvariantCulture, out var subject))
                work.AnnounceCase(subject);
            // Read inside the transaction, published after it: a page never hears of a change that was rolled back.
            var events = await CaseEvents.ResolveAsync(work);
            await tx.CommitAsync(cancellationToken);
            foreach (var liveEvent in events) bus.Publish(liveEvent);
            return result;
        }
        finally
        {
            RequestContext.LeaveWork();
        }
    }

    private static void DropSecrets(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(SecretAttribute), inherit: true) == true)
                property.ShouldSerialize = static (_, _) => false;
        }
    }
}
