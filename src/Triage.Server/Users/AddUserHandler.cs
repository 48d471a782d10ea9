using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Users;
using Triage.Server.Account;
using Triage.Server.Pipeline;

namespace Triage.Server.Users;

public sealed class AddUserHandler(Passwords passwords, IStringLocalizer<Strings> localizer) : CommandHandler<AddUser, AddedUser>
{
    protected override async Task<AddedUser> Handle(AddUser request, Work work, CancellationToken ct)
    {
        var email = request.Email.Trim();
        var taken = await work.Connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM users WHERE email = @email)", new { email }, work.Transaction);
        if (taken)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["email"] = [localizer["Validation.EmailTaken"]] });

        var generated = string.IsNullOrEmpty(request.Password) ? Passwords.Generate() : null;
        var id = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO users (email, name, unit_id, password_hash, security_stamp, created_at)
            VALUES (@email, @name, @UnitId, @hash, @stamp, @Now) RETURNING id
            """, new
            {
                email, name = request.Name.Trim(), request.UnitId, hash = passwords.Hash(generated ?? request.Password!),
                stamp = Passwords.NewStamp(), work.Now,
            }, work.Transaction);
        await SetRolesAsync(work, id, request.Roles);
        work.Subject("user", id);
        return new AddedUser(id, generated);
    }

    internal static async Task SetRolesAsync(Work work, long userId, IEnumerable<Role> roles)
    {
        await work.Connection.ExecuteAsync("DELETE FROM user_roles WHERE user_id = @userId", new { userId }, work.Transaction);
        await work.Connection.ExecuteAsync("INSERT INTO user_roles (user_id, role) VALUES (@userId, @role)",
            roles.Distinct().Select(r => new { userId, role = r.Code() }), work.Transaction);
    }
}
