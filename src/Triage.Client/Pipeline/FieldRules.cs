using System.ComponentModel.DataAnnotations;

namespace Triage.Client.Pipeline;

/// <summary>
/// Validation messages are resource keys; the server's validation behaviour localizes them,
/// so the UI and the API show the same words in the caller's language.
/// </summary>
public static class FieldRules
{
    public const string Required = "Validation.Required";
    public const string TooLong = "Validation.TooLong";
    public const string Email = "Validation.Email";
    public const string UnitCode = "Validation.UnitCode";
    public const string PasswordTooShort = "Validation.PasswordTooShort";
    public const string PasswordsDiffer = "Validation.PasswordsDiffer";
    public const string RolesRequired = "Validation.RolesRequired";
    public const string OutOfRange = "Validation.OutOfRange";
    public const string TooMany = "Validation.TooMany";
    public const string UnknownTimeZone = "Validation.UnknownTimeZone";

    public const int MinPasswordLength = 10;

    public static ValidationResult Error(string key, string member) => new(key, [member]);
}
