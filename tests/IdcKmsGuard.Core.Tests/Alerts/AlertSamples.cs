using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Tests.Guarding;

namespace IdcKmsGuard.Core.Tests.Alerts;

internal static class AlertSamples
{
    public static Alert Disabled() => new(
        Severity.Critical,
        "KEY-ENABLED",
        AlertOutcome.Fixed,
        "Identity Center key was disabled; the guard re-enabled it",
        "Alice called DisableKey.",
        new AlertEvent("DisableKey", "kms.amazonaws.com", "KeyDisabled", "evt-1", GuardScenario.Now, "us-east-1", "111122223333", true, null, null, new AlertActor("AssumedRole", "arn:aws:sts::111122223333:assumed-role/Admin/alice", "111122223333", null, "203.0.113.24", "aws-cli")),
        GuardScenario.Key.ToString(),
        "us-east-1",
        "Disabled",
        "Enabled",
        "arn:aws:sso:::instance/ssoins-1111222233334444",
        [new Finding("KEY-ENABLED", Severity.Critical, "Found the key Disabled.", Resolved: true)],
        [new RemediationStep("EnableKey", StepStatus.Fixed, "Enabled the key.")],
        new Verification(true, "KeyState is Enabled."),
        ["No action is needed."],
        GuardScenario.Now);
}
