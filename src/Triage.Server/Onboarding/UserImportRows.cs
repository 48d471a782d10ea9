using System.Data.Common;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Onboarding;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Server.Imports;
using Triage.Server.Pipeline;

namespace Triage.Server.Onboarding;

/// <summary>
/// Reads a users CSV and checks every row against the database and the caller's rights. The dry run and
/// the import share this, so a file that checks clean imports the same way (the import re-checks inside
/// its transaction, where nobody else can take an email in between).
/// </summary>
public static class UserImportRows
{
    private static readonly Role[] CoordinatorGrants = [Role.Member, Role.Reviewer, Role.Responder];
    private static readonly EmailAddressAttribute EmailRule = new();

    public sealed record ValidRow(int Line, string Email, string Name, long UnitId, string UnitCode, IReadOnlyList<Role> Roles, string? Language);

    public sealed record Checked(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ValidRow> Valid);

    private sealed record UnitRow(long Id, string Code, string Path);

    public static async Task<Checked> CheckAsync(byte[] file, DbConnection connection, DbTransaction? transaction, Actor actor,
        IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var content = Decode(file, l);
        var units = (await connection.QueryAsync<UnitRow>("SELECT id AS Id, code AS Code, path AS Path FROM org_units", transaction: transaction))
            .ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);

        // One prepared statement asked once per email: the users table may hold hundreds of thousands.
        await using var taken = connection.CreateCommand();
        taken.Transaction = transaction;
        taken.CommandText = "SELECT EXISTS (SELECT 1 FROM users WHERE email = @email)";
        var takenEmail = taken.CreateParameter();
        takenEmail.ParameterName = "@email";
        takenEmail.DbType = System.Data.DbType.String;
        taken.Parameters.Add(takenEmail);

        var rows = new List<ImportRow>();
        var valid = new List<ValidRow>();
        var firstLine = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var grantsAll = actor.Roles.Contains(Role.Admin);

        using var records = CsvUpload.Read(content, UserImportFile.MaxBytes).GetEnumerator();
        if (!records.MoveNext())
            throw CsvUpload.FileError(l["Onboard.File.Empty"]);
        var header = records.Current.Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = UserImportFile.RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw CsvUpload.FileError(l["Onboard.File.MissingColumns", string.Join(", ", missing), string.Join(", ", UserImportFile.RequiredColumns.Concat(UserImportFile.OptionalColumns))]);
        int emailAt = header.IndexOf("email"), nameAt = header.IndexOf("name"), unitAt = header.IndexOf("unit"),
            rolesAt = header.IndexOf("roles"), languageAt = header.IndexOf("language");

        while (records.MoveNext())
        {
            ct.ThrowIfCancellationRequested();
            if (rows.Count == UserImportFile.MaxRows)
                throw CsvUpload.FileError(l["Onboard.File.TooManyRows", UserImportFile.MaxRows.ToString("N0", CultureInfo.CurrentCulture)]);
            var record = records.Current;
            // Spreadsheets save formatted but empty rows as ",,,": not a row anyone meant.
            if (record.Fields.All(string.IsNullOrWhiteSpace)) continue;
            var line = record.Line;
            string Field(int at) => at >= 0 && at < record.Fields.Length ? record.Fields[at].Trim() : "";
            var errors = new List<string>();
            if (record.Malformed) errors.Add(l["Onboard.Row.BadQuotes"]);

            var email = Field(emailAt);
            if (email.Length == 0) errors.Add(l["Onboard.Row.EmailRequired"]);
            else if (email.Length > 254 || !EmailRule.IsValid(email) || email.Contains(' ', StringComparison.Ordinal))
                errors.Add(l["Onboard.Row.EmailInvalid", email]);
            else if (firstLine.TryGetValue(email, out var earlier))
                errors.Add(l["Onboard.Row.DuplicateInFile", email, earlier]);
            else
            {
                firstLine[email] = line;
                takenEmail.Value = email;
                if (Convert.ToInt64(await taken.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) != 0)
                    errors.Add(l["Onboard.Row.EmailTaken", email]);
            }

            var name = Field(nameAt);
            if (name.Length == 0) errors.Add(l["Onboard.Row.NameRequired"]);
            else if (name.Length > 200) errors.Add(l["Onboard.Row.NameTooLong", 200]);

            var code = Field(unitAt);
            UnitRow? unit = null;
            if (code.Length == 0) errors.Add(l["Onboard.Row.UnitRequired"]);
            // Outside the caller's subtree a unit does not exist for them, as everywhere else.
            else if (!units.TryGetValue(code, out unit) || !actor.Covers(unit.Path))
                errors.Add(l["Onboard.Row.UnitNotFound", code]);

            var roles = new List<Role>();
            foreach (var roleCode in Field(rolesAt)
                         .Split([';', '|', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!roleCode.All(char.IsAsciiLetter) || !Client.Pipeline.Roles.TryParse(roleCode, out var role)) errors.Add(l["Onboard.Row.RoleUnknown", roleCode]);
                else if (!grantsAll && !CoordinatorGrants.Contains(role)) errors.Add(l["Onboard.Row.RoleForbidden", l[$"Role.{role}"]]);
                else if (!roles.Contains(role)) roles.Add(role);
            }
            if (roles.Count == 0) roles.Add(Role.Member);

            var language = Field(languageAt).ToLowerInvariant();
            if (language is not ("" or "vi" or "en")) errors.Add(l["Onboard.Row.LanguageUnknown", language]);

            rows.Add(new ImportRow(line, errors.Count == 0, errors));
            if (errors.Count == 0)
                valid.Add(new ValidRow(line, email, name, unit!.Id, unit.Code, roles, language.Length == 0 ? null : language));
        }
        return new Checked(rows, valid);
    }

    private static ReadOnlyMemory<byte> Decode(byte[] file, IStringLocalizer<Strings> l)
    {
        if (file.Length > UserImportFile.MaxBytes)
            throw CsvUpload.FileError(l["Onboard.File.TooLarge", UserImportFile.MaxBytes / (1024 * 1024)]);
        // Excel's plain "CSV" saves in the machine's code page; its "CSV UTF-8" is what the desk reads.
        return CsvUpload.TryUtf8(file, out var content) ? content : throw CsvUpload.FileError(l["Onboard.File.NotUtf8"]);
    }
}
