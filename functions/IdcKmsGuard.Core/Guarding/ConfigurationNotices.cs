using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// What people hear about the guard's own configuration: a refused or unreadable document (GUARD-CONFIG, once a week
/// per fault) and every new version (GUARD-CONFIG-CHANGED: what it changes and who wrote it).
/// </summary>
internal sealed class ConfigurationNotices(AlertOutbox outbox, AlertComposer composer, IConfigurationHistory history, TimeProvider time, ILogger logger)
{
    // A bad configuration document is news once a week, not with every event.
    private static readonly TimeSpan FaultWindow = TimeSpan.FromDays(7);

    // One announcement per version, however many invocations read it before it is recorded.
    private static readonly TimeSpan ChangeWindow = TimeSpan.FromDays(365);

    // The configuration version this process announced or found announced: a warm process reads the history once.
    private string? announced;

    /// <summary>Who wrote a configuration version (SSM's parameter history); null: not said.</summary>
    public IConfigurationAuthors? Authors { get; set; }

    /// <summary>Starts reading what was announced last, when <paramref name="snapshot"/> may be a version to announce.</summary>
    public void StartReads(ConfigurationSnapshot snapshot)
    {
        if (snapshot.Document is { Version: not null } document && announced != Identity(document))
        {
            AheadReads.LastAnnounced(history, document.Origin).Start();
        }
    }

    public async Task AnnounceAsync(GuardEvent guardEvent, ConfigurationSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.Fault is { } fault)
        {
            await AlertFaultAsync(guardEvent, snapshot, fault, cancellationToken).ConfigureAwait(false);
        }

        await AnnounceChangeAsync(guardEvent, snapshot, cancellationToken).ConfigureAwait(false);
    }

    private async Task AlertFaultAsync(GuardEvent guardEvent, ConfigurationSnapshot snapshot, ConfigurationFault fault, CancellationToken cancellationToken)
    {
        var alert = composer.Compose(ConfigurationFaultDraft.For(guardEvent, snapshot, fault));
        var published = await outbox.PublishAsync(
            alert,
            AlertIds.For("configuration", fault.Id),
            snapshot.Configuration.ChatbotNotifications,
            FaultWindow,
            cancellationToken,
            suppressionKey: $"config|{fault.Id}").ConfigureAwait(false);
        if (published.Disposition == Disposition.Alerted)
        {
            logger.LogWarning("Configuration refused ({Fault}); running on {Origin}; alert {MessageId}", fault.Message, snapshot.Origin, published.MessageId);
        }
    }

    /// <summary>
    /// Announces a configuration version once: what it changes against the last announced one and who wrote it.
    /// Published before it is recorded, so a failure repeats the announcement instead of losing it; a version that
    /// switches the rule off is still announced (its previous mode decides).
    /// </summary>
    private async Task AnnounceChangeAsync(GuardEvent guardEvent, ConfigurationSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.Document is not { Version: { } version } document || announced == Identity(document))
        {
            return;
        }

        try
        {
            var last = await AheadReads.LastAnnounced(history, document.Origin).TakeAsync(cancellationToken)
                .ConfigureAwait(false);
            if (last is null || ConfigurationVersions.IsNewer(document, last))
            {
                await PublishChangeAsync(guardEvent, snapshot, document, last, cancellationToken).ConfigureAwait(false);
                var now = new AnnouncedConfiguration(document.Origin, version, document.Text, time.GetUtcNow()) { ModifiedAt = document.ModifiedAt };
                await history.SaveAnnouncedAsync(now, cancellationToken).ConfigureAwait(false);
            }

            announced = Identity(document);
        }
        catch (AwsCallException e)
        {
            // The event is not held up for it: the next invocation announces the version again.
            logger.LogError(
                e,
                "Could not announce configuration version {Version} of {Origin}: {Operation} {ErrorCode}",
                version,
                document.Origin,
                e.Operation,
                e.ErrorCode);
        }
    }

    // A version is the same only when written at the same time too: a parameter created again starts at 1.
    private static string Identity(ConfigurationDocument document) => $"{document.Origin}@{document.Version}@{document.ModifiedAt?.ToUnixTimeMilliseconds()}";

    private async Task PublishChangeAsync(
        GuardEvent guardEvent,
        ConfigurationSnapshot snapshot,
        ConfigurationDocument document,
        AnnouncedConfiguration? last,
        CancellationToken cancellationToken)
    {
        var before = last is null ? GuardConfiguration.Defaults : ConfigurationParser.TryParse(last.Text) ?? GuardConfiguration.Defaults;
        var change = ConfigurationChange.Between(before, snapshot.Configuration);
        var announces = before.ModeOf(RuleCatalog.GuardConfigChanged) != RuleMode.Off
            || snapshot.Configuration.ModeOf(RuleCatalog.GuardConfigChanged) != RuleMode.Off;
        if (!announces || (last is null && change.IsEmpty))
        {
            return;
        }

        var author = Authors is null ? null : await Authors.AuthorOfAsync(document, cancellationToken).ConfigureAwait(false);
        var alert = composer.Compose(ConfigurationChangeDraft.For(guardEvent, document, last, change, author));
        var key = $"config-changed|{Identity(document)}";
        await outbox.PublishAsync(
            alert,
            AlertIds.For("configuration-change", key),
            snapshot.Configuration.ChatbotNotifications,
            ChangeWindow,
            cancellationToken,
            suppressionKey: key).ConfigureAwait(false);
        logger.LogWarning(
            "Configuration version {Version} of {Origin} announced: {Changes}",
            document.Version,
            document.Origin,
            string.Join("; ", change.Lines));
    }
}
