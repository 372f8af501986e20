namespace IdcKmsGuard.Lambda.Runtime.Logging;

// Scopes follow the async flow (unlike the invocation context) because they belong to one piece of work.
internal sealed class LogScopes
{
    private readonly AsyncLocal<LogScope?> _current = new();

    public LogScope? Current => _current.Value;

    public IDisposable Push(object state)
    {
        var scope = new LogScope(state, _current.Value, this);
        _current.Value = scope;
        return scope;
    }

    internal void Pop(LogScope scope)
    {
        if (ReferenceEquals(_current.Value, scope))
        {
            _current.Value = scope.Parent;
        }
    }
}
