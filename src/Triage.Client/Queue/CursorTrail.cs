namespace Triage.Client.Queue;

/// <summary>
/// Where keyset paging has been. The server only knows "after this row", so going back means
/// remembering the cursor each earlier page was asked with; there is no page count and no offset.
/// </summary>
public sealed class CursorTrail
{
    private readonly Stack<string?> _before = new();

    /// <summary>The cursor the shown page was asked with; null is the first page.</summary>
    public string? Current { get; private set; }

    public bool HasPrevious => _before.Count > 0;

    /// <summary>One-based, for the reader; counts pages walked, not pages in the list.</summary>
    public int PageNumber => _before.Count + 1;

    public void Forward(string next)
    {
        _before.Push(Current);
        Current = next;
    }

    public void Back()
    {
        if (_before.Count > 0) Current = _before.Pop();
    }

    public void Reset()
    {
        _before.Clear();
        Current = null;
    }
}
