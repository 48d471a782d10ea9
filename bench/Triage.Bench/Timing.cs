using System.Diagnostics;

namespace Triage.Bench;

/// <summary>How every latency bench samples: 20 warm-ups, then one stopwatch reading per call, sorted for percentiles.</summary>
internal static class Timing
{
    public static async Task<List<double>> TimeAsync<T>(int samples, Func<int, Task<T>> action)
    {
        for (var i = 0; i < Math.Min(20, samples); i++) await action(i);
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action(i);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    /// <summary>The nearest-rank percentile of sorted milliseconds.</summary>
    public static double P(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}
