using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Triage.Client.Live;
using Triage.Client.Reports;
using Triage.Server.Live;

namespace Triage.Bench;

/// <summary>
/// How long a case event takes to reach every open page: the in-process bus with N subscribers, against
/// N bare channel hand-offs in the same run (what the bus adds), then a new report sent through the whole
/// pipeline until all N subscribers have heard of its case.
/// </summary>
public static class LiveBench
{
    public static async Task<int> RunAsync(int subscribers, int rounds, int reports)
    {
        Console.WriteLine($"Live: {subscribers} subscribers, {rounds} rounds each after {rounds / 10} warm-ups; {Environment.ProcessorCount} cores.");
        var baseline = await MeasureAsync(rounds, new Channels(subscribers));
        using (var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance))
        {
            var onBus = await MeasureAsync(rounds, new OnBus(bus, subscribers));
            Console.WriteLine("| what | p50 ms | p95 ms | p99 ms | max ms |");
            Console.WriteLine("|---|---|---|---|---|");
            Row("bus: publish → all subscribers ran their handler", onBus);
            Row("baseline: a channel and pump per subscriber, no bus", baseline);
            Console.WriteLine($"bus / baseline: p50 {Ratio(onBus, baseline, 0.50)}, p99 {Ratio(onBus, baseline, 0.99)}");
        }
        if (reports > 0) await EndToEndAsync(subscribers, reports);
        return 0;
    }

    /// <summary>A new report through IMediator (auth, validation, grouping, audit, commit), until every subscriber heard of its case.</summary>
    private static async Task EndToEndAsync(int subscribers, int reports)
    {
        var directory = Path.Combine(Path.GetTempPath(), "triage-bench-live-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var desk = await BenchDesk.CreateAsync(directory);
            var bus = desk.Services.GetRequiredService<ILiveBus>();
            var send = await desk.SenderAs<SubmittedReport>("member@demo.local");
            using var fan = new OnBus(bus, subscribers);
            var totals = new List<double>();
            for (var i = 0; i < reports + 20; i++)
            {
                var heard = fan.Arm();
                var start = Stopwatch.GetTimestamp();
                await send(new SubmitReport { Text = $"Tin đồn số {i}: {Guid.NewGuid():N} uống nước lá ổi chữa khỏi tiểu đường sau ba ngày" });
                var end = await heard;
                if (i >= 20) totals.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            }
            totals.Sort();
            Row($"`SubmitReport` sent → all {subscribers} subscribers heard of its case (includes the write and commit)", totals);
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<List<double>> MeasureAsync(int rounds, IFanOut fan)
    {
        var times = new List<double>(rounds);
        var warmups = rounds / 10;
        for (var i = 0; i < rounds + warmups; i++)
        {
            var heard = fan.Arm();
            var start = Stopwatch.GetTimestamp();
            fan.Publish(new CaseChangedEvent(i, 1, "/1/2/", ["/1/2/5/"]));
            var end = await heard;
            if (i >= warmups) times.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
        }
        times.Sort();
        (fan as IDisposable)?.Dispose();
        return times;
    }

    private interface IFanOut
    {
        /// <summary>Completes with the timestamp at which the last subscriber got the next event.</summary>
        Task<long> Arm();

        void Publish(CaseChangedEvent liveEvent);
    }

    /// <summary>What a page does on the bus: a handler per subscriber; the last one to run stamps the time.</summary>
    private sealed class OnBus : IFanOut, IDisposable
    {
        private readonly ILiveBus _bus;
        private readonly List<IDisposable> _subscriptions;
        private readonly int _count;
        private int _remaining;
        private TaskCompletionSource<long> _done = new();

        public OnBus(ILiveBus bus, int count)
        {
            _bus = bus;
            _count = count;
            _subscriptions = [.. Enumerable.Range(0, count).Select(_ => bus.Subscribe<CaseChangedEvent>(Heard))];
        }

        public Task<long> Arm()
        {
            _done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _remaining, _count);
            return _done.Task;
        }

        public void Publish(CaseChangedEvent liveEvent) => _bus.Publish(liveEvent);

        private Task Heard(CaseChangedEvent _)
        {
            if (Interlocked.Decrement(ref _remaining) == 0) _done.TrySetResult(Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        }

        public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
    }

    /// <summary>The same fan-out with nothing of the bus: one channel and one reading loop per subscriber.</summary>
    private sealed class Channels : IFanOut, IDisposable
    {
        private readonly Channel<CaseChangedEvent>[] _channels;
        private readonly int _count;
        private int _remaining;
        private TaskCompletionSource<long> _done = new();

        public Channels(int count)
        {
            _count = count;
            _channels = [.. Enumerable.Range(0, count).Select(_ => Channel.CreateUnbounded<CaseChangedEvent>(new UnboundedChannelOptions { SingleReader = true }))];
            foreach (var channel in _channels) _ = Task.Run(() => PumpAsync(channel.Reader));
        }

        public Task<long> Arm()
        {
            _done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _remaining, _count);
            return _done.Task;
        }

        public void Publish(CaseChangedEvent liveEvent)
        {
            foreach (var channel in _channels) channel.Writer.TryWrite(liveEvent);
        }

        private async Task PumpAsync(ChannelReader<CaseChangedEvent> reader)
        {
            await foreach (var _ in reader.ReadAllAsync())
                if (Interlocked.Decrement(ref _remaining) == 0) _done.TrySetResult(Stopwatch.GetTimestamp());
        }

        public void Dispose()
        {
            foreach (var channel in _channels) channel.Writer.TryComplete();
        }
    }

    private static void Row(string what, List<double> sorted) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {P(sorted, 0.50):0.000} | {P(sorted, 0.95):0.000} | {P(sorted, 0.99):0.000} | {sorted[^1]:0.000} |"));

    private static string Ratio(List<double> a, List<double> b, double p) =>
        (P(a, p) / P(b, p)).ToString("0.00", CultureInfo.InvariantCulture);

    private static double P(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}
