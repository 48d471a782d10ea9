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
        // An empty JSON array leaves only a key without a value, which the binder need not turn into an empty array;
        // the default would then stay in force. A key that is present but empty (the Development demo accounts) turns
        // the requirement off.
        services.PostConfigure<DeskOptions>(o =>
        {
            if (o.TwoFactor.RequiredRoles is null && configuration.AsEnumerable().Any(kv =>
                    string.Equals(kv.Key, TwoFactorOptions.RequiredRolesKey, StringComparison.OrdinalIgnoreCase)))
                o.TwoFactor.RequiredRoles = [];
        });
        return services;
    }
}
