using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>An event about Identity Center's encryption or Regions: the instance it names (or the only one) is reviewed.</summary>
internal sealed class InstanceEventReview(IIdentityCenter identityCenter, EncryptionReview encryptionReview)
{
    public async Task<KeyReviewResult> ReviewAsync(GuardEvent guardEvent, RemediationGate gate, FollowUp? followUp, CancellationToken cancellationToken)
    {
        IdentityCenterInstance instance;
        if (guardEvent.InstanceArn is { } arn)
        {
            try
            {
                instance = await identityCenter.DescribeInstanceAsync(arn, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsCallException e) when (e.ErrorCode == "ResourceNotFoundException")
            {
                // Another instance (an account instance, one since deleted): not the one the guard protects.
                return KeyReviewResult.Quiet(Disposition.Ignored, $"instance {arn} does not exist or is not visible to the guard");
            }
        }
        else
        {
            var instances = await identityCenter.DescribeInstancesAsync(cancellationToken).ConfigureAwait(false);
            if (instances.Count == 0)
            {
                return KeyReviewResult.Quiet(Disposition.Ignored, "no Identity Center instance is visible");
            }

            instance = instances[0];
        }

        return await encryptionReview.ReviewAsync(guardEvent, instance, gate, followUp, cancellationToken).ConfigureAwait(false) with { Scope = null };
    }
}
