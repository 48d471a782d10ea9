using Triage.Client.TwoFactor;
using Triage.Server.Data;

namespace Triage.Server.TwoFactor;

public static class TwoFactorServices
{
    public static IServiceCollection AddDeskTwoFactor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<Authenticator>();
        services.AddSingleton<TwoFactorRequirement>();
        services.AddSingleton<ITwoFactorPending, PendingTwoFactorCookie>();
        // An empty JSON array binds to nothing at all, which would leave the default in force: an explicitly empty
        // setting (the Development demo accounts) must turn the requirement off.
        services.PostConfigure<DeskOptions>(o =>
        {
            if (o.TwoFactor.RequiredRoles is null && configuration.AsEnumerable().Any(kv =>
                    string.Equals(kv.Key, TwoFactorOptions.RequiredRolesKey, StringComparison.OrdinalIgnoreCase)))
                o.TwoFactor.RequiredRoles = [];
        });
        return services;
    }
}
