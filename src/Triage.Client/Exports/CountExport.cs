using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Client.Exports;

/// <summary>
/// How many rows each export of this range and unit will have, with the defaults resolved: the exports page
/// shows it before a download and measures the download's progress against it.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed record CountExport : ExportFilter, IRequest<ExportSize>;

public sealed record ExportSize(DateOnly From, DateOnly To, UnitRef Unit, long Cases, long Reports);
