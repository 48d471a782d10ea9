using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Webhooks;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

public sealed class RefusalLogTests
{
    [Fact]
    public async Task A_request_refused_for_its_role_is_logged_as_a_warning_naming_the_request_and_the_user()
    {
        var logs = new CapturedLogs();
        await using var desk = await TestDesk.CreateAsync(logs: logs);
        var member = await desk.UserId("member@demo.local");

        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs("member@demo.local", new ListWebhooks()));

        var entry = Assert.Single(logs.Entries, e => e.Message.Contains("ListWebhooks refused", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains($"user {member}", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_session_is_logged_as_refused_for_nobody()
    {
        var logs = new CapturedLogs();
        await using var desk = await TestDesk.CreateAsync(logs: logs);

        await Assert.ThrowsAsync<NotSignedInException>(() => desk.SendAs(null, new ListCases()));

        var entry = Assert.Single(logs.Entries, e => e.Message.Contains("ListCases refused", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("user anonymous", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reaching_for_a_case_outside_ones_units_is_logged_with_the_user()
    {
        var logs = new CapturedLogs();
        await using var desk = await TestDesk.CreateAsync(logs: logs);
        var caseId = await desk.NewCase();
        var outsider = await desk.UserId("reviewer2@demo.local");

        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("reviewer2@demo.local", new GetCase(caseId)));

        var entry = Assert.Single(logs.Entries, e => e.Message.Contains("GetCase refused", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains($"user {outsider}", entry.Message, StringComparison.Ordinal);
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) owner.Entries.Enqueue((logLevel, formatter(state, exception)));
            }
        }
    }
}
