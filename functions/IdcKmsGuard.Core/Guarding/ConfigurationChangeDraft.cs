using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>The GUARD-CONFIG-CHANGED alert: a new version of the configuration is in effect, what it changes, who wrote it.</summary>
internal static class ConfigurationChangeDraft
{
    public static AlertDraft For(
        GuardEvent guardEvent, ConfigurationDocument document, State.AnnouncedConfiguration? previous, ConfigurationChange change, string? author)
    {
        var rule = RuleCatalog.GuardConfigChanged;
        var who = author is null ? "SSM does not say who wrote it" : $"written by {author}";
        var since = previous is null ? "the defaults" : $"version {previous.Version}";

        // A lower number written later: the parameter was deleted and created again, which resets SSM's history.
        var recreated = previous is not null && document.Version is { } version && !ConfigurationVersions.IsNewer(version, previous.Version)
            ? $" The parameter was deleted and created again (version {previous.Version} was announced, now version {version}): "
                + "its history before the deletion is gone from SSM."
            : string.Empty;
        var lines = change.IsEmpty ? "no setting differs" : string.Join("; ", change.Lines);
        var finding = new Finding(
            rule.Id,
            change.Widens || recreated.Length > 0 ? Severity.High : rule.Severity,
            change.Widens
                ? $"The new configuration leaves more alone: {string.Join("; ", change.Widening)}. Changes since {since}: {lines}."
                : $"Changes since {since}: {lines}.");
        return AlertDraft.AboutTheGuard(
            guardEvent,
            change.Widens ? "The guard's configuration changed: it now leaves more alone" : "The guard's configuration changed",
            $"While handling {guardEvent.EventName}, the guard read version {document.Version} of its configuration ({document.Origin}), "
            + $"{who}. It is in effect now.{recreated}",
            finding);
    }
}
