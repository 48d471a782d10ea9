using Triage.Client.Pipeline;

namespace Triage.Client.Users;

/// <summary>Sets a new generated password and ends the user's sessions; the password is shown once.</summary>
[AllowRoles(Role.Admin)]
public sealed record ResetPassword(long UserId) : ICommand<PasswordReset>;

public sealed record PasswordReset(string Password);
