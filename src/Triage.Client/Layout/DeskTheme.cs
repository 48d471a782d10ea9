using MudBlazor;

namespace Triage.Client.Layout;

public static class DeskTheme
{
    /// <summary>Contrast-checked teal and deep rose, readable in sunlight on a phone.</summary>
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695c",
            Secondary = "#ad1457",
            AppbarBackground = "#00695c",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4db6ac",
            Secondary = "#f48fb1",
        },
    };
}
