using Triage.Client.Pipeline;

namespace Triage.Client.Onboarding;

/// <summary>
/// Creates the valid rows of a users CSV in the caller's subtree, in one transaction, without passwords:
/// each new user gets a one-time activation link. Rows with errors are reported and skipped.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed record ImportUsers([property: Secret] byte[] File) : ICommand<UserImport>;
