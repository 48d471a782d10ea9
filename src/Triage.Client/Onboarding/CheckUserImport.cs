using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Onboarding;

/// <summary>The dry run of <see cref="ImportUsers"/>: every row checked exactly as the import would, nothing written.</summary>
[AllowRoles(Role.Coordinator)]
public sealed record CheckUserImport([property: Secret] byte[] File) : IRequest<UserImport>;
