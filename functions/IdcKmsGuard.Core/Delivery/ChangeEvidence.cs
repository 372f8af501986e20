using System.Security.Cryptography;
using System.Text;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Delivery;

/// <summary>
/// Tells, by re-reading, whether a change took effect: after an answer that may have been lost, before anything is
/// sent again, and when an interrupted attempt's journal is finished by someone else.
/// </summary>
internal sealed class ChangeEvidence(IKeyStore keys, IIdentityCenter identityCenter)
{
    public const string EnableKey = "EnableKey";
    public const string CancelKeyDeletion = "CancelKeyDeletion";
    public const string PutKeyPolicy = "PutKeyPolicy";
    public const string EnableKeyRotation = "EnableKeyRotation";
    public const string UpdateInstance = "UpdateInstance";

    /// <exception cref="ArgumentException">An action the guard never journals.</exception>
    public async Task<bool> TookEffectAsync(string action, string target, string? expected, CancellationToken cancellationToken) =>
        action switch
        {
            EnableKey => (await keys.DescribeKeyAsync(KeyArn.Parse(target), cancellationToken).ConfigureAwait(false))?.State == KeyState.Enabled,
            CancelKeyDeletion => await keys.DescribeKeyAsync(KeyArn.Parse(target), cancellationToken).ConfigureAwait(false) is { IsPendingDeletion: false },
            EnableKeyRotation => await keys.IsRotationEnabledAsync(KeyArn.Parse(target), cancellationToken).ConfigureAwait(false),
            PutKeyPolicy => Sha256(await keys.GetKeyPolicyAsync(KeyArn.Parse(target), cancellationToken).ConfigureAwait(false)) == expected,
            UpdateInstance => (await identityCenter.DescribeInstanceAsync(target, cancellationToken).ConfigureAwait(false))
                .Encryption.KmsKeyArn?.ToString() == expected,
            _ => throw new ArgumentException($"The guard journals no action named {action}.", nameof(action)),
        };

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
