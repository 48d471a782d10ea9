namespace Triage.Server.Data;

/// <summary>A condition that must stop the desk from starting, with a message an operator can act on.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
