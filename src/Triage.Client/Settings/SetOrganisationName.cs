using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Settings;

/// <summary>
/// The organisation's name as ClaimReview's author and in the app bar. Empty goes back to the configuration's
/// Triage:Organisation:Name.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed class SetOrganisationName : ICommand<Unit>
{
    [StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string? Name { get; set; }
}
