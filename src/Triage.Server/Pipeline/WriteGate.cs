namespace Triage.Server.Pipeline;

/// <summary>
/// SQLite admits one writer at a time. Left to itself, a waiting writer polls with sleeps of up to
/// 100 ms (its busy handler), which gives concurrent requests long, random tails; queueing the
/// process's writers here instead hands the lock over the moment it is free, in arrival order.
/// Another process (an admin verb) still meets the busy timeout as before.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Turn(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
