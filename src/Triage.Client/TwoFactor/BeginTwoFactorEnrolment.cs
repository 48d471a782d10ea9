using Triage.Client.Pipeline;

namespace Triage.Client.TwoFactor;

/// <summary>
/// Draws a new authenticator secret for the caller and keeps it unconfirmed; nothing changes at sign-in until
/// <see cref="EnableTwoFactor"/> proves the app holds it. Starting again replaces an unconfirmed secret.
/// </summary>
[AllowSignedIn, AllowBeforeTwoFactorEnrolment]
public sealed record BeginTwoFactorEnrolment : ICommand<TwoFactorEnrolment>;

/// <param name="Key">The secret in Base32, grouped by four for typing into an app.</param>
/// <param name="Uri">The otpauth:// address the QR code holds.</param>
/// <param name="QrCode">The QR code as a data: URI (PNG).</param>
public sealed record TwoFactorEnrolment(string Key, string Uri, string QrCode);
