using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Queue;

/// <summary>
/// The queue as the page holds it: one keyset page of the filter's cases, the trail back to the
/// first page, and the row the keyboard is on.
/// </summary>
public sealed class QueueList(IMediator mediator)
{
    public const int PageSize = 50;

    public CaseFilter Filter { get; private set; } = new();
    public CursorTrail Trail { get; } = new();
    public IReadOnlyList<CaseSummary> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public bool Loading { get; private set; }

    /// <summary>Why the server refused the filter (a search too long, a unit outside the caller's tree); the list is then empty.</summary>
    public DeskException? Refusal { get; private set; }

    /// <summary>The row j and k move to; -1 until the reader moves.</summary>
    public int CurrentIndex { get; private set; } = -1;

    public CaseSummary? Current => CurrentIndex >= 0 && CurrentIndex < Items.Count ? Items[CurrentIndex] : null;

    /// <summary>Shows the first page of another filter.</summary>
    public Task ShowAsync(CaseFilter filter)
    {
        Filter = filter.Copy();
        Trail.Reset();
        CurrentIndex = -1;
        return LoadAsync();
    }

    public Task NextAsync()
    {
        if (NextCursor is null) return Task.CompletedTask;
        Trail.Forward(NextCursor);
        CurrentIndex = -1;
        return LoadAsync();
    }

    public Task PreviousAsync()
    {
        Trail.Back();
        CurrentIndex = -1;
        return LoadAsync();
    }

    /// <summary>Asks for the same page again; the current case stays current even when its place changed.</summary>
    public async Task RefreshAsync()
    {
        var keep = Current?.Id;
        await LoadAsync();
        if (keep is null) return;
        var index = Items.Select((c, i) => (c.Id, i)).FirstOrDefault(x => x.Id == keep, (0, -1)).Item2;
        CurrentIndex = index >= 0 ? index : Math.Min(CurrentIndex, Items.Count - 1);
    }

    public void Move(int by)
    {
        if (Items.Count > 0) CurrentIndex = Math.Clamp(CurrentIndex + by, 0, Items.Count - 1);
    }

    private async Task LoadAsync()
    {
        Loading = true;
        Refusal = null;
        try
        {
            var page = await mediator.Send(Filter.ToRequest(Trail.Current, PageSize));
            Items = page.Items;
            NextCursor = page.NextCursor;
        }
        catch (Exception e) when (e is ValidationFailedException or NotFoundException)
        {
            Refusal = (DeskException)e;
            Items = [];
            NextCursor = null;
        }
        finally
        {
            Loading = false;
        }
    }
}
