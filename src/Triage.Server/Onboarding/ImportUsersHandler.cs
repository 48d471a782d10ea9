using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Triage.Client.Onboarding;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Server.Account;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Onboarding;

/// <summary>
/// Creates the valid rows with three prepared statements reused for every user, all in the pipeline's one
/// transaction. No password is hashed here: PBKDF2 costs tens of milliseconds a hash, so each user sets their
/// own through a one-time link instead. One audit event covers the import, with the range of ids it created.
/// </summary>
public sealed class ImportUsersHandler(IStringLocalizer<Strings> localizer) : CommandHandler<ImportUsers, UserImport>
{
    protected override async Task<UserImport> Handle(ImportUsers request, Work work, CancellationToken ct)
    {
        var result = await UserImportRows.CheckAsync(request.File, work.Connection, work.Transaction, work.Actor, localizer, ct);
        var now = DapperSetup.Format(work.Now);
        var expiresAt = work.Now + UserImportFile.ActivationLifetime;
        var expires = DapperSetup.Format(expiresAt);

        await using var user = Prepare(work, """
            INSERT INTO users (email, name, unit_id, security_stamp, created_at, language)
            VALUES (@email, @name, @unit, @stamp, @now, @language) RETURNING id
            """, "@email", "@name", "@unit", "@stamp", "@now", "@language");
        await using var role = Prepare(work, "INSERT INTO user_roles (user_id, role) VALUES (@user, @role)", "@user", "@role");
        await using var activation = Prepare(work, """
            INSERT INTO user_activations (user_id, token_hash, created_at, expires_at) VALUES (@user, @hash, @now, @expires)
            """, "@user", "@hash", "@now", "@expires");
        user.Parameters["@now"].Value = now;
        activation.Parameters["@now"].Value = now;
        activation.Parameters["@expires"].Value = expires;

        var activations = new List<Activation>(result.Valid.Count);
        foreach (var row in result.Valid)
        {
            ct.ThrowIfCancellationRequested();
            user.Parameters["@email"].Value = row.Email;
            user.Parameters["@name"].Value = row.Name;
            user.Parameters["@unit"].Value = row.UnitId;
            user.Parameters["@stamp"].Value = Passwords.NewStamp();
            user.Parameters["@language"].Value = (object?)row.Language ?? DBNull.Value;
            var id = Convert.ToInt64(await user.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

            role.Parameters["@user"].Value = id;
            foreach (var granted in row.Roles)
            {
                role.Parameters["@role"].Value = granted.Code();
                await role.ExecuteNonQueryAsync(ct);
            }

            var token = OnboardingLinks.NewToken();
            activation.Parameters["@user"].Value = id;
            activation.Parameters["@hash"].Value = OnboardingLinks.HashOf(token);
            await activation.ExecuteNonQueryAsync(ct);
            activations.Add(new Activation(id, row.Email, row.Name, row.UnitCode, OnboardingLinks.ActivatePath + token, expiresAt));
        }

        work.Detail("rows", result.Rows.Count);
        work.Detail("created", activations.Count);
        work.Detail("rejected", result.Rows.Count - result.Valid.Count);
        if (activations.Count > 0)
        {
            work.Detail("firstUserId", activations[0].UserId);
            work.Detail("lastUserId", activations[^1].UserId);
        }
        return new UserImport(result.Rows, result.Valid.Count, result.Rows.Count - result.Valid.Count, activations.Count, activations);
    }

    private static DbCommand Prepare(Work work, string sql, params string[] parameters)
    {
        var command = work.Connection.CreateCommand();
        command.Transaction = work.Transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }
}
