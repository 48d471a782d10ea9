using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Resources;
using Triage.Server.Pipeline;

namespace Triage.Server.Queue;

/// <summary>
/// Saves the caller's filters under a name; the same name again replaces them (same id). The filters are
/// checked by the rules ListCases would apply, so a view that saves is a view that opens.
/// </summary>
public sealed class SaveViewHandler(IStringLocalizer<Strings> localizer) : CommandHandler<SaveView, SavedView>
{
    private static readonly (PropertyInfo Property, ValidationAttribute[] Rules)[] FilterRules = typeof(CaseFilter)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => (p, p.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray()))
        .Where(x => x.Item2.Length > 0)
        .ToArray();

    protected override async Task<SavedView> Handle(SaveView request, Work work, CancellationToken ct)
    {
        var userId = work.Actor.UserId ?? throw new ForbiddenException();
        CheckFilter(request.Filter);
        var name = request.Name.Trim();

        var filter = SavedViewJson.Write(request.Filter);
        var id = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO saved_views (user_id, name, filter, created_at, updated_at) VALUES (@userId, @name, @filter, @Now, @Now)
            ON CONFLICT (user_id, name) DO UPDATE SET filter = excluded.filter, updated_at = excluded.updated_at
            RETURNING id
            """, new { userId, name, filter, work.Now }, work.Transaction);
        work.Subject("saved_view", id);
        return new SavedView(id, name, SavedViewJson.Read(filter));
    }

    private void CheckFilter(CaseFilter filter)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (property, rules) in FilterRules)
        {
            var broken = rules.FirstOrDefault(r => !r.IsValid(property.GetValue(filter)));
            if (broken is null) continue;
            var key = broken.ErrorMessage ?? FieldRules.Required;
            errors["filter." + JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = [broken switch
            {
                StringLengthAttribute length => localizer[key, length.MaximumLength],
                RangeAttribute range => localizer[key, range.Minimum, range.Maximum],
                _ => localizer[key],
            }];
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }
}
