namespace IdcKmsGuard.Lambda.Runtime.Logging;

// Scopes follow the async flow (unlike the invocation context) because they belong to one piece of work.
internal sealed class LogScopeStack
{
    private readonly AsyncLocal<LogScope?> current = new();

    public LogScope? Current => current.Value;

    public IDisposable Push(object state)
    {
        var scope = new LogScope(state, current.Value, this);
        current.Value = scope;
        return scope;
    }

    internal void Pop(LogScope scope)
    {
        if (ReferenceEquals(current.Value, scope))
        {
            current.Value = scope.Parent;
        }
    }
}
