using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Taxonomy;
using Triage.Client.Units;

namespace Triage.Tests.Components;

/// <summary>
/// Stands in for the desk behind the queue page: answers pages of cases by cursor and a bulk action
/// by a rule the test sets, and remembers every request so a test can read what the page asked.
/// </summary>
public sealed class QueueMediator : IMediator
{
    public List<object> Sent { get; } = [];

    /// <summary>Pages by the cursor they answer (null is the first page).</summary>
    public Dictionary<string, CasePage> Pages { get; } = [];

    public Func<BulkCaseAction, BulkResult> Bulk { get; set; } =
        action => new BulkResult([.. action.Items.Select(i => new BulkItemResult(i.CaseId, true, i.Version + 1, 200, null))]);

    public List<SavedView> Views { get; } = [];

    /// <summary>A unit the fake desk answers 404 for, as the server does for a unit outside the caller's tree.</summary>
    public const long OutsideUnit = 999;

    public bool Forbidden { get; set; }

    public List<QueueInfo> Queues { get; } = [];

    public IEnumerable<ListCases> Listed => Sent.OfType<ListCases>();

    public IEnumerable<BulkCaseAction> Bulks => Sent.OfType<BulkCaseAction>();

    public static readonly TaxonomyTerms Terms = new(
        [new Term("false", new TermLabels("Sai sự thật", "False")), new Term("misleading", new TermLabels("Gây hiểu lầm", "Misleading"))],
        [new Term("health", new TermLabels("Y tế, sức khỏe", "Health")), new Term("society", new TermLabels("Đời sống, xã hội", "Society"))],
        [new Term("facebook", new TermLabels("Facebook", "Facebook"))]);

    public static CaseSummary Case(long id, string title, long version = 3, string? verdict = null) => new(
        id, CaseStatus.New, version, title, "facebook", 2, verdict, verdict is null ? null : "health", verdict is null ? null : 2, 40,
        new UnitRef(2, "D1", "Quận 1"), null, new DateTimeOffset(2026, 11, 26, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        Sent.Add(request);
        object answer = request switch
        {
            GetTaxonomy => Terms,
            ListUnits => (IReadOnlyList<UnitNode>)[new UnitNode(2, 1, "D1", "Quận 1", 1, 3)],
            ListQueues when Forbidden => throw new ForbiddenException(),
            ListQueues => (IReadOnlyList<QueueInfo>)[.. Queues],
            ListSavedViews => Views.ToList(),
            ListCases { UnitId: OutsideUnit } => throw new NotFoundException("Unit"),
            ListCases list => Pages.TryGetValue(list.Cursor ?? "", out var page) ? page : new CasePage([], null),
            BulkCaseAction bulk => Bulk(bulk),
            SaveView save => Saved(save),
            DeleteView delete => Views.RemoveAll(v => v.Id == delete.ViewId) == 1,
            _ => throw new NotSupportedException($"The queue page should not send {request.GetType().Name}."),
        };
        return Task.FromResult((TResponse)answer);
    }

    private SavedView Saved(SaveView save)
    {
        var view = new SavedView(Views.Count + 100, save.Name, save.Filter);
        Views.Add(view);
        return view;
    }

    public Task Send(IRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"The queue page should not send {request.GetType().Name}.");

    public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification => Task.CompletedTask;
}
