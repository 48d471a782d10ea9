using MudBlazor;

namespace Triage.Client.Layout;

public static class DeskTheme
{
    /// <summary>
    /// Contrast-checked teal and deep rose, readable in sunlight on a phone. The status colours are darker than
    /// MudBlazor's defaults so white text on a chip and coloured text on an alert keep 4.5:1 (axe-core's threshold).
    /// </summary>
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695c",
            Secondary = "#ad1457",
            AppbarBackground = "#00695c",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#b34700",
            Error = "#c62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4db6ac",
            Secondary = "#f48fb1",
        },
    };
}
