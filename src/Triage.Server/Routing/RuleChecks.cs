using Triage.Server.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Resources;
using Triage.Client.Routing;

namespace Triage.Server.Routing;

/// <summary>
/// The checks of a rule that need the database, shared by saving and previewing. The lists come back
/// cleaned (trimmed, blanks and repeats dropped, null when empty), as they are stored and matched.
/// </summary>
public sealed record CleanRule(
    IReadOnlyList<string>? Platforms, IReadOnlyList<string>? Categories, IReadOnlyList<string>? Verdicts, IReadOnlyList<int>? Severities,
    IReadOnlyList<string>? Keywords, IReadOnlyList<string>? FoldedKeywords)
{
    public static async Task<CleanRule> CheckAsync(RoutingRuleFields rule, DbConnection connection, DbTransaction? tx,
        IStringLocalizer<Strings> localizer, bool queueRequired)
    {
        var errors = new Dictionary<string, string[]>();
        var unitPath = await connection.ExecuteScalarAsync<string>("SELECT path FROM org_units WHERE id = @UnitId", new { rule.UnitId }, tx) ?? "\0";

        var platforms = await TermsAsync(connection, tx, "platform", rule.Platforms, "platforms", ReportRules.UnknownPlatform, errors, localizer);
        var categories = await TermsAsync(connection, tx, "category", rule.Categories, "categories", ReportRules.UnknownCategory, errors, localizer);
        var verdicts = await TermsAsync(connection, tx, "verdict", rule.Verdicts, "verdicts", CaseRules.UnknownVerdict, errors, localizer);
        var severities = rule.Severities is { Count: > 0 } s ? s.Distinct().Order().ToList() : null;

        var keywords = rule.Keywords?.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct().ToList() is { Count: > 0 } typed ? typed : null;
        var folded = keywords?.Select(RuleEvaluator.FoldKeyword).ToList();
        if (folded?.Any(f => f is null) == true) errors["keywords"] = [localizer[RoutingRules.KeywordEmpty]];

        if (rule.WithinUnitId is { } within)
        {
            var path = await connection.ExecuteScalarAsync<string?>("SELECT path FROM org_units WHERE id = @within", new { within }, tx);
            if (path is null || !path.StartsWith(unitPath, StringComparison.Ordinal)) errors["withinUnitId"] = [localizer[RoutingRules.UnitOutOfRule]];
        }

        if (rule.TargetQueueId is { } queueId)
        {
            var path = await connection.ExecuteScalarAsync<string?>(
                "SELECT o.path FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE q.id = @queueId", new { queueId }, tx);
            if (path is null || !path.StartsWith(unitPath, StringComparison.Ordinal)) errors["targetQueueId"] = [localizer[RoutingRules.UnknownQueue]];
        }
        else if (queueRequired)
        {
            errors["targetQueueId"] = [localizer[Triage.Client.Pipeline.FieldRules.Required]];
        }

        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return new CleanRule(platforms, categories, verdicts, severities, keywords, folded?.OfType<string>().Distinct().ToList());
    }

    private static async Task<IReadOnlyList<string>?> TermsAsync(DbConnection connection, DbTransaction? tx, string kind,
        IReadOnlyList<string>? values, string field, string message, Dictionary<string, string[]> errors, IStringLocalizer<Strings> localizer)
    {
        var codes = values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().ToList();
        if (codes is not { Count: > 0 }) return null;
        var known = (await connection.QueryAsync<string>(
            $"SELECT code FROM taxonomy_terms WHERE kind = @kind AND code {connection.InList("@codes")}", new { kind, codes }, tx)).ToHashSet();
        var unknown = codes.Where(c => !known.Contains(c)).ToList();
        if (unknown.Count > 0) errors[field] = [$"{localizer[message]} ({string.Join(", ", unknown)})"];
        return codes;
    }
}
