namespace IdcKmsGuard.Core.Delivery;

/// <summary>
/// The time one invocation has. Work stops at <see cref="Work"/>, early enough to give the event back (release the
/// claim, the journal kept) and report the error before Lambda kills the sandbox at the deadline; the clean-up
/// runs on <see cref="Finish"/>, the runtime's own token. A claim is leased a little past the deadline: by then the
/// holder is certainly gone, and Lambda's next retry (a minute or more later) can take the event.
/// </summary>
public sealed class InvocationBudget : IDisposable
{
    /// <summary>How long past the deadline a claim stays leased (clock differences between hosts).</summary>
    public static readonly TimeSpan LeaseSkew = TimeSpan.FromSeconds(5);

    /// <summary>The lease without a deadline (tests, the CLI): longer than any invocation the guard runs.</summary>
    public static readonly TimeSpan UnboundedLease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan MinimumReserve = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumReserve = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource? timer;
    private readonly CancellationTokenSource? work;
    private readonly DateTimeOffset? deadline;
    private readonly TimeProvider time;

    private InvocationBudget(DateTimeOffset? deadline, TimeProvider time, CancellationToken finish, int reserves = 1)
    {
        this.deadline = deadline;
        this.time = time;
        Finish = finish;
        if (deadline is { } end)
        {
            var left = end - time.GetUtcNow();
            var untilWorkStops = left - (ReserveFor(left) * reserves);
            timer = new CancellationTokenSource(untilWorkStops > TimeSpan.Zero ? untilWorkStops : TimeSpan.Zero, time);
            work = CancellationTokenSource.CreateLinkedTokenSource(finish, timer.Token);
        }
    }

    /// <summary>Cancelled when the work must stop: the deadline minus the reserve for clean-up, or the runtime stopping.</summary>
    public CancellationToken Work => work?.Token ?? Finish;

    /// <summary>For the clean-up after the work stopped: cancelled shortly before the deadline.</summary>
    public CancellationToken Finish { get; }

    public bool WorkStopped => Work.IsCancellationRequested && !Finish.IsCancellationRequested;

    public DateTimeOffset? Deadline => deadline;

    /// <summary>Until when a claim made now keeps others off the event.</summary>
    public DateTimeOffset LeaseUntil => deadline is { } end ? end + LeaseSkew : time.GetUtcNow() + UnboundedLease;

    /// <param name="deadline">When Lambda kills the sandbox (Lambda-Runtime-Deadline-Ms).</param>
    /// <param name="finish">The runtime's token for the invocation (fires a little before the deadline).</param>
    public static InvocationBudget Until(DateTimeOffset deadline, TimeProvider time, CancellationToken finish)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new InvocationBudget(deadline == DateTimeOffset.MaxValue ? null : deadline, time, finish);
    }

    /// <summary>
    /// The same deadline, with work stopping one more reserve earlier: for the last delivery, whose report of what it
    /// could not finish must still go out (a publish and a write) after the work stops.
    /// </summary>
    public InvocationBudget ForLastAttempt() => new(deadline, time, Finish, reserves: 2);

    public static InvocationBudget Unbounded(TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        new(null, time ?? TimeProvider.System, cancellationToken);

    /// <summary>A sixth of the time left, 1 to 5 s: one state write and one error post, with room for a slow answer.</summary>
    public static TimeSpan ReserveFor(TimeSpan left)
    {
        var sixth = left / 6;
        return sixth < MinimumReserve ? MinimumReserve : sixth > MaximumReserve ? MaximumReserve : sixth;
    }

    public void Dispose()
    {
        work?.Dispose();
        timer?.Dispose();
    }
}
