using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

public enum BulkKind
{
    Assign,
    Classify,
    Dismiss,
}

/// <summary>A case picked in the queue, with the version the reviewer saw (a bulk action is no excuse to overwrite).</summary>
public sealed record BulkItem(long CaseId, long Version);

/// <summary>
/// One action over many cases. Each case is its own command with its own checks and transaction,
/// so one refusal does not undo the others; the answer says, per case, what happened and why.
/// Only the fields of the chosen <see cref="Kind"/> are read.
/// </summary>
[AllowRoles(Role.Reviewer)]
public sealed class BulkCaseAction : IRequest<BulkResult>, IValidatableObject
{
    public const int MaxItems = 200;

    [EnumDataType(typeof(BulkKind), ErrorMessage = CaseRules.UnknownChoice)]
    public BulkKind Kind { get; set; }

    [Required(ErrorMessage = FieldRules.Required), MinLength(1, ErrorMessage = FieldRules.Required), MaxLength(MaxItems, ErrorMessage = FieldRules.TooMany)]
    public IReadOnlyList<BulkItem> Items { get; set; } = [];

    /// <summary>Assign: a responder's email, or <see cref="Auto"/>.</summary>
    [StringLength(320, ErrorMessage = FieldRules.TooLong)]
    public string? ResponderEmail { get; set; }

    public bool Auto { get; set; }

    [StringLength(64, ErrorMessage = FieldRules.TooLong)]
    public string? Verdict { get; set; }

    [StringLength(64, ErrorMessage = FieldRules.TooLong)]
    public string? Category { get; set; }

    [Range(1, 4, ErrorMessage = FieldRules.OutOfRange)]
    public int? Severity { get; set; }

    /// <summary>Dismiss: why.</summary>
    [StringLength(2000, ErrorMessage = FieldRules.TooLong)]
    public string? Reason { get; set; }

    /// <summary>The fields the chosen kind's command requires, checked once here instead of once per case.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var missing = new List<string>();
        if (Kind == BulkKind.Assign && !Auto && string.IsNullOrWhiteSpace(ResponderEmail)) missing.Add(nameof(ResponderEmail));
        if (Kind == BulkKind.Classify && string.IsNullOrWhiteSpace(Verdict)) missing.Add(nameof(Verdict));
        if (Kind == BulkKind.Classify && string.IsNullOrWhiteSpace(Category)) missing.Add(nameof(Category));
        if (Kind == BulkKind.Classify && Severity is null) missing.Add(nameof(Severity));
        if (Kind == BulkKind.Dismiss && string.IsNullOrWhiteSpace(Reason)) missing.Add(nameof(Reason));
        foreach (var field in missing) yield return FieldRules.Error(FieldRules.Required, field);
    }
}

public sealed record BulkResult(IReadOnlyList<BulkItemResult> Items)
{
    public int Succeeded => Items.Count(i => i.Ok);
}

/// <param name="Version">The case's new version when <paramref name="Ok"/>.</param>
/// <param name="Problem">Why not, in the caller's language, when not <paramref name="Ok"/>.</param>
/// <param name="Status">The HTTP status the single action would have answered (400 for bad input, 403, 404, 409, 412), 200 when done.</param>
public sealed record BulkItemResult(long CaseId, bool Ok, long? Version, int Status, string? Problem);
