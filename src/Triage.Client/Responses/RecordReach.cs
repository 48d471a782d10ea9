using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Triage.Client.Pipeline;

namespace Triage.Client.Responses;

/// <summary>Adds a reading of a published message's reach; earlier readings stay as its history.</summary>
[AllowRoles(Role.Reviewer, Role.Responder)]
public sealed class RecordReach : IResponseRequest, ICommand<ResponseReach>, IValidatableObject
{
    [JsonIgnore]
    public long ResponseId { get; set; }

    [Range(0, long.MaxValue, ErrorMessage = FieldRules.OutOfRange)]
    public long? Views { get; set; }

    [Range(0, long.MaxValue, ErrorMessage = FieldRules.OutOfRange)]
    public long? Reactions { get; set; }

    [Range(0, long.MaxValue, ErrorMessage = FieldRules.OutOfRange)]
    public long? Shares { get; set; }

    [Range(0, long.MaxValue, ErrorMessage = FieldRules.OutOfRange)]
    public long? Comments { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Views is null && Reactions is null && Shares is null && Comments is null)
            yield return FieldRules.Error(ResponseRules.NoFigures, "reach");
    }
}

/// <summary>One reading; a figure left out of a reading is null, not zero.</summary>
public sealed record ReachReading(long? Views, long? Reactions, long? Shares, long? Comments, DateTimeOffset RecordedAt, long RecordedBy);

/// <summary>The latest known figure of each kind, and every reading newest first.</summary>
public sealed record ResponseReach(long ResponseId, long? Views, long? Reactions, long? Shares, long? Comments, IReadOnlyList<ReachReading> History);
