using Triage.Server.Data;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Resources;
using Triage.Server.Pipeline;
using Triage.Server.Routing;
using Triage.Client.Webhooks;
using Triage.Server.Webhooks;

namespace Triage.Server.Cases;

/// <summary>Records the reviewer's verdict, category, severity and DISARM techniques, replacing any earlier classification.</summary>
public sealed class ClassifyCaseHandler(IStringLocalizer<Strings> localizer) : CommandHandler<ClassifyCase, CaseChanged>
{
    protected override async Task<CaseChanged> Handle(ClassifyCase request, Work work, CancellationToken ct)
    {
        var techniques = (request.DisarmTechniques ?? []).OfType<string>().Select(t => t.Trim().ToUpperInvariant()).Where(t => t.Length > 0)
            .Distinct().ToList();
        await CheckCodesAsync(request, techniques, work);

        var current = await CaseWrites.BeginAsync(work, request, CaseAction.Classification);
        var changed = await CaseWrites.CommitAsync(work, current, """
            verdict = @Verdict, category = @Category, severity = @Severity, classification_note = @note, classified_at = @Now
            """, new { request.Verdict, request.Category, request.Severity, note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim() });
        await work.Connection.ExecuteAsync("DELETE FROM case_techniques WHERE case_id = @Id", new { current.Id }, work.Transaction);
        await work.Connection.ExecuteAsync("""
            INSERT INTO case_techniques (case_id, technique_id) VALUES (@Id, @technique)
            """, techniques.Select(technique => new { current.Id, technique }), work.Transaction);
        await WebhookOutbox.EnqueueAsync(work, WebhookEvents.CaseClassified, current.Id);
        return await CaseRouting.AfterClassificationAsync(work, changed);
    }

    private async Task CheckCodesAsync(ClassifyCase request, List<string> techniques, Work work)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await TermExistsAsync(work, "verdict", request.Verdict)) errors["verdict"] = [localizer[CaseRules.UnknownVerdict]];
        if (!await TermExistsAsync(work, "category", request.Category)) errors["category"] = [localizer[ReportRules.UnknownCategory]];
        var known = (await work.Connection.QueryAsync<string>(
            $"SELECT id FROM disarm_techniques WHERE id {work.Connection.InList("@techniques")}", new { techniques }, work.Transaction)).ToHashSet();
        var unknown = techniques.Where(t => !known.Contains(t)).ToList();
        if (unknown.Count > 0) errors["disarmTechniques"] = [localizer[CaseRules.UnknownTechnique, string.Join(", ", unknown)]];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }

    private static Task<bool> TermExistsAsync(Work work, string kind, string code) => work.Connection.ExecuteScalarAsync<bool>(
        "SELECT EXISTS (SELECT 1 FROM taxonomy_terms WHERE kind = @kind AND code = @code)", new { kind, code }, work.Transaction);
}
