namespace Triage.Client.Units;

public sealed record UnitRef(long Id, string Code, string Name);
