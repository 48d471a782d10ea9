using Triage.Client.Pipeline;

namespace Triage.Client.Account;

/// <summary>Turns the blurring of screenshots on or off for the caller, on every device.</summary>
[AllowSignedIn]
public sealed record SetEvidenceBlur(bool Blur) : ICommand<Preferences>;
