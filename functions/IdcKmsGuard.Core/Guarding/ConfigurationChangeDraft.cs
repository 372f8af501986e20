using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>The GUARD-CONFIG-CHANGED alert: a new version of the configuration is in effect, what it changes, who wrote it.</summary>
internal static class ConfigurationChangeDraft
{
    public static AlertDraft For(GuardEvent guardEvent, ConfigurationDocument document, string? previousVersion, ConfigurationChange change, string? author)
    {
        var rule = RuleCatalog.GuardConfigChanged;
        var who = author is null ? "SSM does not say who wrote it" : $"written by {author}";
        var since = previousVersion is null ? "the defaults" : $"version {previousVersion}";
        var lines = change.IsEmpty ? "no setting differs" : string.Join("; ", change.Lines);
        var finding = new Finding(
            rule.Id,
            change.Widens ? Severity.High : rule.Severity,
            change.Widens
                ? $"The new configuration leaves more alone: {string.Join("; ", change.Widening)}. Changes since {since}: {lines}."
                : $"Changes since {since}: {lines}.");
        return AlertDraft.AboutTheGuard(
            guardEvent,
            change.Widens ? "The guard's configuration changed: it now leaves more alone" : "The guard's configuration changed",
            $"While handling {guardEvent.EventName}, the guard read version {document.Version} of its configuration ({document.Origin}), "
            + $"{who}. It is in effect now.",
            finding);
    }
}
