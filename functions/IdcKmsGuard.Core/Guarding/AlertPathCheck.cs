using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The guard's own alarm path: every alert and every alarm of the template is encrypted with the alert topic's key,
/// which nobody else watches. The sweep checks it like a guarded key; when it is unusable, the alert cannot go out,
/// so the log line and the AlertPathBroken metric are the second path.
/// </summary>
internal sealed class AlertPathCheck(IKeyStore keys, KeyArn? topicKey)
{
    /// <returns>Null when the key can encrypt alerts (or none is configured); otherwise why it cannot.</returns>
    /// <exception cref="AwsCallException">A failure that may pass: the sweep is delivered again.</exception>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        if (topicKey is null)
        {
            return null;
        }

        KeySnapshot? key;
        try
        {
            key = await keys.DescribeKeyAsync(topicKey, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (!e.IsTransient)
        {
            return $"the guard cannot read the alert topic's key {topicKey} ({e.Operation}: {e.ErrorCode}), so it cannot tell whether alerts still go out";
        }

        return key switch
        {
            null => $"the alert topic's key {topicKey} no longer exists: SNS cannot encrypt any alert or alarm of IdcKmsGuard",
            { State: KeyState.Enabled } => null,
            _ => $"the alert topic's key {topicKey} is {key.State}: SNS cannot encrypt any alert or alarm of IdcKmsGuard until it is enabled",
        };
    }
}
