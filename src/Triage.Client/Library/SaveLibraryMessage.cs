using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Library;

/// <summary>Adds an approved message to the library (no <see cref="Id"/>) or replaces one.</summary>
[AllowRoles(Role.Reviewer, Role.Coordinator)]
public sealed class SaveLibraryMessage : ICommand<LibraryMessage>
{
    public const int MaxCountermeasures = 10;

    /// <summary>Null adds a message; set by the route on update.</summary>
    public long? Id { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required), StringLength(5000, ErrorMessage = FieldRules.TooLong)]
    public string Text { get; set; } = "";

    /// <summary>vi or en.</summary>
    [Required(ErrorMessage = FieldRules.Required), StringLength(2, ErrorMessage = FieldRules.TooLong)]
    public string Language { get; set; } = "vi";

    [Required(ErrorMessage = FieldRules.Required), StringLength(64, ErrorMessage = FieldRules.TooLong)]
    public string Category { get; set; } = "";

    /// <summary>The claim the message answers, in a line.</summary>
    [StringLength(1000, ErrorMessage = FieldRules.TooLong)]
    public string? Claim { get; set; }

    [MaxLength(MaxCountermeasures, ErrorMessage = FieldRules.TooMany)]
    public IReadOnlyList<string>? Countermeasures { get; set; }
}
