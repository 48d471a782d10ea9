namespace Triage.Tests.Support;

/// <summary>
/// A test that needs a real Redis: it runs when <c>TRIAGE_TEST_REDIS</c> names one (host:port, as
/// tools/services.sh start prints it) and is skipped, saying so, when it does not.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public const string Variable = "TRIAGE_TEST_REDIS";

    public RedisFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
            Skip = $"{Variable} is not set: tools/services.sh start runs a Redis and prints it.";
    }

    /// <summary>The Redis to use; only read by tests carrying this attribute, which do not run without it.</summary>
    public static string Connection =>
        Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");
}
