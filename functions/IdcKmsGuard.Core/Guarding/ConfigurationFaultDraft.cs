using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>The GUARD-CONFIG alert: the document was refused, and what the guard runs on instead.</summary>
internal static class ConfigurationFaultDraft
{
    public static AlertDraft For(GuardEvent guardEvent, ConfigurationSnapshot snapshot, ConfigurationFault fault)
    {
        var what = fault.Kind switch
        {
            ConfigurationFaultKind.Invalid => "refused",
            ConfigurationFaultKind.Missing => "is gone",
            _ => "could not be read",
        };
        return AlertDraft.AboutTheGuard(
            guardEvent,
            $"The guard's configuration {what}; it runs on {(snapshot.Origin == ConfigurationSnapshot.DefaultsOrigin ? "the defaults" : "the last good one")}",
            $"While handling {guardEvent.EventName}, the guard read its configuration: {fault.Message.TrimEnd('.')}. It keeps running on {snapshot.Origin}.",
            KeyStateRules.Violation(RuleCatalog.GuardConfig, fault.Message));
    }
}
