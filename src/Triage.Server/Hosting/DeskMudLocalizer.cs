using Microsoft.Extensions.Localization;
using MudBlazor;
using Triage.Client.Resources;

namespace Triage.Server.Hosting;

/// <summary>MudBlazor's own strings come from our resources too, so its dialogs and pagers speak Vietnamese.</summary>
public sealed class DeskMudLocalizer(IStringLocalizer<Strings> strings) : MudLocalizer
{
    public override LocalizedString this[string key] => Translate(key, []);

    public override LocalizedString this[string key, params object[] arguments] => Translate(key, arguments);

    private LocalizedString Translate(string key, object[] arguments)
    {
        var value = strings[key, arguments];
        // Not found lets MudBlazor fall back to its built-in English.
        return new LocalizedString(key, value.Value, value.ResourceNotFound);
    }
}
