using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>The GUARD-CONFIG alert: the document was refused, and what the guard runs on instead.</summary>
internal static class ConfigurationFaultDraft
{
    public static AlertDraft For(GuardEvent guardEvent, ConfigurationSnapshot snapshot, ConfigurationFault fault)
    {
        var what = fault.Kind == ConfigurationFaultKind.Invalid ? "refused" : "could not be read";
        return new AlertDraft(
            Event: guardEvent,
            Headline: $"The guard's configuration {what}; it runs on {(snapshot.Origin == ConfigurationSnapshot.DefaultsOrigin ? "the defaults" : "the last good one")}",
            WhatHappened: $"While handling {guardEvent.EventName}, the guard read its configuration: {fault.Message.TrimEnd('.')}. It keeps running on {snapshot.Origin}.",
            Outcome: AlertOutcome.Alerted,
            Findings: [KeyStateRules.Violation(RuleCatalog.GuardConfig, fault.Message)],
            Steps: [],
            Verification: null,
            KeyArn: null,
            KeyRegion: null,
            KeyStateBefore: null,
            KeyStateAfter: null,
            InstanceArn: null,
            ExtraNextSteps: []);
    }
}
