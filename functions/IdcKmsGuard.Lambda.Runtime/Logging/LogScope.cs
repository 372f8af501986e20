namespace IdcKmsGuard.Lambda.Runtime.Logging;

internal sealed class LogScope(object state, LogScope? parent, LogScopeStack owner) : IDisposable
{
    public object State { get; } = state;

    public LogScope? Parent { get; } = parent;

    public void Dispose() => owner.Pop(this);
}
