namespace IdcKmsGuard.Core.Errors;

/// <summary>
/// Other invocations kept changing what this one was updating (an event and the sweep judging the same key), so its
/// write lost every time. Like a throttle, it passes: Lambda's retry decides again, and the last delivery reports it.
/// </summary>
public sealed class ConcurrencyConflictException(string resource, int attempts)
    : GuardException($"The memory of {resource} changed under this invocation {attempts} times in a row.")
{
    public string Resource { get; } = resource;

    public int Attempts { get; } = attempts;

    public override string ErrorType => "ConcurrencyConflict";
}
