using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Triage.Tests.Components;

/// <summary>A bunit context with MudBlazor and the desk's resources, in one culture.</summary>
public static class ComponentContext
{
    public static BunitContext Create(string culture = "en-US", Action<IServiceCollection>? services = null)
    {
        UseCulture(culture);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLocalization();
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<Microsoft.AspNetCore.Components.Forms.AntiforgeryStateProvider, FixedAntiforgery>();
        ctx.Services.AddSingleton(new Triage.Client.Layout.DeskTime(TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")));
        ctx.Services.AddScoped<Triage.Client.Layout.ReaderTime>();
        // Pages that listen for live changes; a test reaches these through ctx.Services to publish and move time.
        ctx.Services.AddSingleton<ManualLiveBus>();
        ctx.Services.AddSingleton<Triage.Client.Live.ILiveBus>(sp => sp.GetRequiredService<ManualLiveBus>());
        ctx.Services.AddSingleton<Triage.Client.Live.ICasePresence>(sp => new Triage.Server.Live.CasePresence(sp.GetRequiredService<ManualLiveBus>()));
        // The real clock by default: MudBlazor's input debouncing runs on it too. A test that moves time registers its own.
        ctx.Services.AddSingleton(TimeProvider.System);
        services?.Invoke(ctx.Services);
        return ctx;
    }

    /// <summary>
    /// Culture flows down async calls but not back up: call this in the test method itself,
    /// after any await that built the context.
    /// </summary>
    public static void UseCulture(string culture) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
