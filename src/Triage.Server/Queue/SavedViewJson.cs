using System.Text.Json;
using System.Text.Json.Serialization;
using Triage.Client.Cases;

namespace Triage.Server.Queue;

/// <summary>A saved view's filters as stored: the API's JSON shape, so a row reads the same as a request.</summary>
public static class SavedViewJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Only <see cref="CaseFilter"/>'s own fields, even when handed a ListCases with its cursor.</summary>
    public static string Write(CaseFilter filter) => JsonSerializer.Serialize(new CaseFilter
    {
        Statuses = filter.Statuses, Q = filter.Q, UnitId = filter.UnitId, QueueId = filter.QueueId, Assigned = filter.Assigned,
        Platform = filter.Platform, Category = filter.Category, Verdict = filter.Verdict, Severity = filter.Severity, Sort = filter.Sort,
    }, Options);

    public static CaseFilter Read(string json) => JsonSerializer.Deserialize<CaseFilter>(json, Options) ?? new CaseFilter();
}
