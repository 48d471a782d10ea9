using Triage.Client.Pipeline;

namespace Triage.Client.Users;

/// <summary>
/// Sets a new generated password and ends the user's sessions; the password is shown once. A coordinator
/// resets members, reviewers and responders of their subtree, never a coordinator or an admin.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed record ResetPassword(long UserId) : ICommand<PasswordReset>;

public sealed record PasswordReset(string Password);
