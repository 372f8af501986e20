using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Tests.Guarding;

namespace IdcKmsGuard.Core.Tests.Alerts;

internal static class AlertSamples
{
    public static Alert Disabled() => new()
    {
        Severity = Severity.Critical,
        RuleId = "KEY-ENABLED",
        Outcome = AlertOutcome.Fixed,
        Headline = "Identity Center key was disabled; the guard re-enabled it",
        WhatHappened = "Alice called DisableKey.",
        Event = new AlertEvent("DisableKey", "kms.amazonaws.com", "KeyDisabled", "evt-1", GuardScenario.Now, "us-east-1", "111122223333", true, null, null, new AlertActor("AssumedRole", "arn:aws:sts::111122223333:assumed-role/Admin/alice", "111122223333", null, "203.0.113.24", "aws-cli")),
        KeyArn = GuardScenario.Key.ToString(),
        KeyRegion = "us-east-1",
        KeyStateBefore = "Disabled",
        KeyStateAfter = "Enabled",
        InstanceArn = "arn:aws:sso:::instance/ssoins-1111222233334444",
        Findings = [new Finding("KEY-ENABLED", Severity.Critical, "Found the key Disabled.", Resolved: true)],
        Steps = [new RemediationStep("EnableKey", StepStatus.Fixed, "Enabled the key.")],
        Verification = new Verification(true, "KeyState is Enabled."),
        NextSteps = ["No action is needed."],
        DetectedAt = GuardScenario.Now,
    };
}
