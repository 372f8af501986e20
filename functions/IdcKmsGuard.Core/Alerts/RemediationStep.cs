namespace IdcKmsGuard.Core.Alerts;

/// <param name="Action">The KMS or SSO Admin operation, e.g. "CancelKeyDeletion".</param>
/// <param name="Detail">What happened, in words; for a failure the AWS error code, message and request id.</param>
public sealed record RemediationStep(string Action, StepStatus Status, string Detail);
