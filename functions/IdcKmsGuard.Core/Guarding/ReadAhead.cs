namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Reads an attempt starts before it needs them, so that independent AWS calls overlap instead of following one
/// another. Each is served once, to the first call that would have made it; any later call reads afresh, so a re-read
/// after a change never gets a value from before it. A scope is per attempt (async-local): two attempts in one
/// process, or an earlier event finished inside this one, never share a read. Outside a scope every call reads itself.
/// </summary>
internal sealed class ReadAhead : IDisposable
{
    private static readonly AsyncLocal<ReadAhead?> Current = new();

    private readonly ReadAhead? outer;
    private readonly CancellationTokenSource stop;
    private readonly CancellationToken stopped;
    private readonly Dictionary<string, Task> started = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private bool disposed;

    private ReadAhead(ReadAhead? outer, CancellationToken cancellationToken)
    {
        this.outer = outer;
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stopped = stop.Token;
    }

    /// <summary>Opens the scope of one attempt; reads still running when it is disposed are cancelled.</summary>
    public static ReadAhead Begin(CancellationToken cancellationToken)
    {
        var scope = new ReadAhead(Current.Value, cancellationToken);
        Current.Value = scope;
        return scope;
    }

    /// <summary>Starts <paramref name="read"/> in the current scope, unless it is started already there.</summary>
    public static void Start<T>(string read, Func<CancellationToken, Task<T>> call)
    {
        if (Current.Value is not { } scope)
        {
            return;
        }

        lock (scope.gate)
        {
            if (scope.disposed || scope.started.ContainsKey(read))
            {
                return;
            }
        }

        // Called outside the lock: a read may start another when it completes at once (a cached answer).
        var task = call(scope.stopped);
        lock (scope.gate)
        {
            if (scope.disposed || !scope.started.TryAdd(read, task))
            {
                Unobserved(task);
            }
        }
    }

    /// <summary>The read started ahead, if there is one and it was not cancelled; otherwise <paramref name="call"/> now.</summary>
    public static Task<T> TakeOr<T>(string read, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        Task? ahead = null;
        if (Current.Value is { } scope)
        {
            lock (scope.gate)
            {
                scope.started.Remove(read, out ahead);
            }
        }

        return ahead is Task<T> { IsCanceled: false } typed ? Served(typed, call, cancellationToken) : call(cancellationToken);
    }

    /// <summary>Drops every read not served yet: what came in between may have changed what they read.</summary>
    public static void Forget()
    {
        if (Current.Value is { } scope)
        {
            lock (scope.gate)
            {
                foreach (var unserved in scope.started.Values)
                {
                    Unobserved(unserved);
                }

                scope.started.Clear();
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            stop.Cancel();
            foreach (var unserved in started.Values)
            {
                Unobserved(unserved);
            }

            started.Clear();
        }

        stop.Dispose();
        if (Current.Value == this)
        {
            Current.Value = outer;
        }
    }

    // Nobody awaits it any more; its failure is of no interest.
    private static void Unobserved(Task task) =>
        _ = task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private static async Task<T> Served<T>(Task<T> ahead, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await ahead.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ahead.IsCanceled && !cancellationToken.IsCancellationRequested)
        {
            // Started under a budget that ran out sooner than the caller's (the last attempt's reserve): read afresh.
            return await call(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// One read that can be started ahead and taken once: its name and its call made in one place, so that the read
/// started and the read served can never differ.
/// </summary>
internal sealed record AheadRead<T>(string Name, Func<CancellationToken, Task<T>> Call)
{
    public void Start() => ReadAhead.Start(Name, Call);

    /// <summary>Starts this read as <paramref name="sameRead"/>: a call that reads the same thing another way (one
    /// request answering two reads). Taken like any other; a read not started ahead still makes <see cref="Call"/>.</summary>
    public void StartFrom(Func<CancellationToken, Task<T>> sameRead) => ReadAhead.Start(Name, sameRead);

    public Task<T> TakeAsync(CancellationToken cancellationToken) => ReadAhead.TakeOr(Name, Call, cancellationToken);
}

/// <summary>The reads an attempt starts ahead (<see cref="ReadAhead"/>).</summary>
internal static class AheadReads
{
    /// <summary>The configuration: started with the announcement check chained to it, served as the provider's snapshot.</summary>
    public const string Configuration = "configuration";

    public static AheadRead<IReadOnlyList<IdentityCenter.IdentityCenterInstance>> Instances(Ports.IIdentityCenter identityCenter) =>
        new("instances", identityCenter.DescribeInstancesAsync);

    public static AheadRead<State.AnnouncedConfiguration?> LastAnnounced(State.IConfigurationHistory history, string origin) =>
        new($"announced {origin}", c => history.LastAnnouncedAsync(origin, c));

    public static AheadRead<Keys.KeySnapshot?> KeyDescription(Ports.IKeyStore keys, Keys.KeyArn key) =>
        new($"describe-key {key}", c => keys.DescribeKeyAsync(key, c));

    public static AheadRead<IReadOnlyList<string>> Unfinished(State.IEventLedger ledger, string scope) =>
        new($"unfinished {scope}", c => ledger.UnfinishedAsync(scope, c));

    public static AheadRead<State.KeyMemory> KeyMemory(State.IIncidentMemory memory, State.IncidentScope scope) =>
        new($"memory {scope.Arn}", async c => (await memory.ReadScopeAsync(scope, c).ConfigureAwait(false)).Memory);

    public static AheadRead<State.IncidentMemory?> IncidentMemory(State.IIncidentMemory memory, State.IncidentScope scope) =>
        new($"incident {scope.Arn}", c => memory.GetIncidentMemoryAsync(scope, c));
}
