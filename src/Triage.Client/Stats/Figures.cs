using System.Globalization;

namespace Triage.Client.Stats;

/// <summary>How the dashboard writes its numbers: in the reader's culture, a missing figure as a dash.</summary>
public static class Figures
{
    public static string N(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Hours(double? value) => value?.ToString("N1", CultureInfo.CurrentCulture) ?? "–";

    public static string Share(int part, int whole) => whole == 0 ? "–" : ((double)part / whole).ToString("P0", CultureInfo.CurrentCulture);
}
