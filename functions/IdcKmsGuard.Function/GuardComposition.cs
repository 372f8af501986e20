using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.Guarding;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Function;

/// <summary>The function's guard: its settings as a deployment, composed like the CLI's replay.</summary>
internal static class GuardComposition
{
    /// <param name="followUpSchedule">Tests shorten the re-check delays; the function uses the standard schedule.</param>
    public static Guard Create(
        GuardSettings settings,
        SdkCredentialSource credentials,
        AwsEndpointResolver endpoints,
        TimeProvider time,
        ILogger logger,
        FollowUpSchedule? followUpSchedule = null) =>
        AwsGuardFactory.Create(
            new GuardDeployment(
                settings.Region,
                settings.AlertTopicArn,
                settings.RemediationEnabled,
                settings.GuardRoleArn,
                settings.OrgId,
                settings.DelegatedAdminAccounts ?? [],
                settings.ConfigurationParameter,
                settings.StateTable)
            {
                MaySwitchEncryption = settings.MaySwitchEncryption,
                FollowUpQueueUrl = settings.FollowUpQueueUrl,
                FollowUpSchedule = followUpSchedule ?? FollowUpSchedule.Standard,
                DeliveryAttempts = settings.DeliveryAttempts,
                FollowUpAttempts = settings.FollowUpAttempts,
                AlertTopicKeyArn = settings.AlertTopicKeyArn,
            },
            credentials,
            endpoints,
            time,
            logger);
}
