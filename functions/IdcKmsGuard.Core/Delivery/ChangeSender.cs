using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Delivery;

/// <summary>
/// Sends one planned change and settles what happened: a throttled call is sent again after a backoff (it did not
/// happen); a call whose answer may have been lost is re-read before anything is sent again, so a change is never
/// made twice blindly; a refused call is re-read too (a resend may have lost a race with its own lost answer).
/// </summary>
/// <param name="backoff">The first wait before a throttled or unanswered change is sent again.</param>
internal sealed class ChangeSender(ChangeEvidence evidence, TimeProvider time, TimeSpan backoff)
{
    private const int MaxSends = 4;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    public async Task<JournaledChange> SendAsync(PlannedChange change, CancellationToken cancellationToken)
    {
        for (var send = 1; ; send++)
        {
            try
            {
                await change.SendAsync(cancellationToken).ConfigureAwait(false);
                return Settled(change, ChangeStatus.Applied, change.Done);
            }
            catch (AwsCallException e) when (e.IsThrottling && send < MaxSends)
            {
                await Task.Delay(DelayBefore(send), time, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsCallException e) when (e.IsAmbiguous)
            {
                // Sent, answer unknown: the state says whether it happened. Never send it again blindly.
                if (await evidence.TookEffectAsync(change.Action, change.Target, change.Expected, cancellationToken).ConfigureAwait(false))
                {
                    return Settled(change, ChangeStatus.Applied, $"{change.Done} (the answer was lost: {e.ErrorCode}; a re-read shows it took effect)");
                }

                if (send >= MaxSends)
                {
                    return Settled(change, ChangeStatus.Failed, $"{Describe(e)}, {send} tries; a re-read shows it did not take effect.", transient: true);
                }

                await Task.Delay(DelayBefore(send), time, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsCallException e)
            {
                // Refused, yet perhaps in effect: a resend that lost a race with its own lost answer, or someone else.
                if (!e.IsAccessDenied && await evidence.TookEffectAsync(change.Action, change.Target, change.Expected, cancellationToken).ConfigureAwait(false))
                {
                    return Settled(change, ChangeStatus.Applied, $"{change.Done} (AWS answered {e.ErrorCode}, but a re-read shows the change in effect)");
                }

                return Settled(change, ChangeStatus.Failed, send > 1 ? $"{Describe(e)}, {send} tries." : Describe(e), transient: e.IsTransient);
            }
        }
    }

    private static JournaledChange Settled(PlannedChange change, ChangeStatus status, string detail, bool transient = false) =>
        new(change.Action, change.Target, status, detail, change.Expected, transient);

    private TimeSpan DelayBefore(int retry)
    {
        var cap = Math.Min(MaxDelay.TotalMilliseconds, backoff.TotalMilliseconds * Math.Pow(2, retry));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
    }

    private static string Describe(AwsCallException e) =>
        $"{e.ErrorCode}: {e.ErrorMessage}" + (e.RequestId is null ? string.Empty : $" (request id {e.RequestId})");
}
