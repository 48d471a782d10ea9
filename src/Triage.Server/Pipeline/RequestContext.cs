using System.Data.Common;
using Triage.Client.Live;

namespace Triage.Server.Pipeline;

/// <summary>
/// What the behaviours hand to the handler for one Send. Kept in an AsyncLocal rather than a
/// scoped service: a circuit's scope is shared by every Send it makes, sometimes interleaved.
/// </summary>
public sealed class RequestContext
{
    private static readonly AsyncLocal<Actor?> CurrentActor = new();
    private static readonly AsyncLocal<Work?> CurrentWork = new();

    public static Actor Actor => CurrentActor.Value
        ?? throw new InvalidOperationException("No actor: the request did not pass the authorization behaviour.");

    public static Work Work => CurrentWork.Value
        ?? throw new InvalidOperationException("No transaction: only an ICommand runs in one.");

    internal static void Enter(Actor actor) => CurrentActor.Value = actor;
    internal static void Enter(Work work) => CurrentWork.Value = work;
    internal static void LeaveWork() => CurrentWork.Value = null;
}

/// <summary>The one connection and transaction of a state-changing Send, plus what its audit event says.</summary>
public sealed class Work(DbConnection connection, DbTransaction transaction, Actor actor, DateTimeOffset now)
{
    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;
    public Actor Actor { get; } = actor;
    public DateTimeOffset Now { get; } = now;

    public string? EntityType { get; private set; }
    public string? EntityId { get; private set; }
    public Dictionary<string, object?> AuditDetails { get; } = [];

    /// <summary>Names what the audit event is about.</summary>
    public void Subject(string entityType, object id)
    {
        EntityType = entityType;
        EntityId = Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Detail(string key, object? value) => AuditDetails[key] = value;

    private readonly HashSet<long> _changedCases = [];
    private readonly List<LiveEvent> _events = [];

    /// <summary>Cases whose pages should refresh once this commits; the audit subject, if a case, is added by the pipeline.</summary>
    public IReadOnlyCollection<long> ChangedCases => _changedCases;

    /// <summary>Events published only if this commits.</summary>
    public IReadOnlyList<LiveEvent> Events => _events;

    public void AnnounceCase(long caseId) => _changedCases.Add(caseId);

    public void Announce(LiveEvent liveEvent) => _events.Add(liveEvent);
}
