namespace Triage.Client.Resources;

/// <summary>Marker for the one shared resource file: Strings.resx (English) and Strings.vi.resx.</summary>
public sealed class Strings;
