using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Reports;

/// <summary>The caller's own reports, newest first, with what became of each.</summary>
[AllowSignedIn]
public sealed record ListMyReports(long? Before = null, int Limit = 50) : IRequest<MyReportPage>;

public sealed record MyReportPage(IReadOnlyList<MyReport> Items, string? NextCursor);

/// <summary><c>Verdict</c> and <c>CounterMessageUrl</c> stay empty until reviewers and responders act.</summary>
public sealed record MyReport(long ReportId, long CaseId, DateTimeOffset SubmittedAt, CaseStatus Status, string? Verdict,
    string? CounterMessageUrl, string? Url, string? Text, string? Platform, long ScreenshotCount);
