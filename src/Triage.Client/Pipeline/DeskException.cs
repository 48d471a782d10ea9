namespace Triage.Client.Pipeline;

/// <summary>An answer the pipeline gives instead of a result; the API maps each to a status code.</summary>
public abstract class DeskException(string message) : Exception(message);

/// <summary>401: nobody is signed in, or the session has ended.</summary>
public sealed class NotSignedInException() : DeskException("Not signed in.");

/// <summary>403: the caller's roles may never do this.</summary>
public sealed class ForbiddenException() : DeskException("This action is not allowed for your roles.");

/// <summary>404: the thing does not exist, or not for this caller.</summary>
/// <param name="outOfScope">It exists, outside the caller's units: answered alike, but logged as a refusal.</param>
public sealed class NotFoundException(string what, bool outOfScope = false) : DeskException($"{what} was not found.")
{
    public string What { get; } = what;

    public bool OutOfScope { get; } = outOfScope;
}

/// <summary>409: the request conflicts with the current state; nothing was changed.</summary>
public sealed class ConflictException(string code, string message) : DeskException(message)
{
    /// <summary>A stable resource key the UI localizes.</summary>
    public string Code { get; } = code;
}

/// <summary>400: field-level messages, already in the caller's language, keyed by camelCase field name.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : DeskException("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>428: a write that must name the version it was based on (If-Match) named none.</summary>
public sealed class PreconditionRequiredException()
    : DeskException("This write must say which version it is based on: send If-Match with the ETag of your last read.");

/// <summary>412: the thing changed since the caller read it; nothing was changed. Read it again and retry.</summary>
public sealed class PreconditionFailedException(long currentVersion)
    : DeskException("The case changed since you read it; nothing was changed.")
{
    public long CurrentVersion { get; } = currentVersion;
}
