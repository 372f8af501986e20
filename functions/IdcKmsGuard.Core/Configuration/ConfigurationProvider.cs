using System.Security.Cryptography;
using System.Text;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>
/// The configuration in effect, re-read from the source at most once per cache period. A bad or unreadable document
/// never disables the guard: the last good configuration (or the defaults) stays in effect and the snapshot says why.
/// An unreadable source is read again at the next call (it is likely to pass), and until one good document was
/// read the snapshot is <see cref="ConfigurationSnapshot.FailClosed"/>.
/// </summary>
public sealed class ConfigurationProvider
{
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromSeconds(60);

    private readonly IConfigurationDocumentSource source;
    private readonly TimeProvider time;
    private readonly TimeSpan cacheDuration;

    // Overlapping calls (none in Lambda, possible in the CLI) at worst read the source twice; both results are valid.
    private (ConfigurationSnapshot Snapshot, DateTimeOffset Expires)? cached;
    private ConfigurationSnapshot? lastGood;

    public ConfigurationProvider(IConfigurationDocumentSource source, TimeProvider time, TimeSpan? cacheDuration = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheDuration ?? DefaultCacheDuration, TimeSpan.Zero);
        this.source = source;
        this.time = time;
        this.cacheDuration = cacheDuration ?? DefaultCacheDuration;
    }

    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<ConfigurationSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (cached is { } entry && time.GetUtcNow() < entry.Expires)
        {
            return entry.Snapshot;
        }

        var snapshot = await LoadAsync(cancellationToken).ConfigureAwait(false);
        var readAgain = snapshot.Fault?.Kind is ConfigurationFaultKind.Unreadable or ConfigurationFaultKind.Missing;
        cached = readAgain ? null : (snapshot, time.GetUtcNow() + cacheDuration);
        return snapshot;
    }

    private async Task<ConfigurationSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        ConfigurationDocument? document;
        try
        {
            document = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GuardException e)
        {
            var cause = e is AwsCallException aws ? $"{aws.Service}:{aws.ErrorCode}" : e.ErrorType;
            return Fallback(new ConfigurationFault(
                ConfigurationFaultKind.Unreadable,
                $"unreadable:{cause}",
                $"cannot read the configuration: {e.Message}")) with
            {
                FailClosed = lastGood is null,
            };
        }

        // The deployment created it: a missing document was deleted, which must not turn the guard to its defaults.
        if (document is null)
        {
            return Fallback(new ConfigurationFault(
                ConfigurationFaultKind.Missing,
                $"missing:{source.Origin}",
                $"{source.Origin} does not exist: it was deleted. Create it again with the document the deployment should run on")) with
            {
                FailClosed = lastGood is null,
            };
        }

        var origin = document.Version is null ? document.Origin : $"{document.Origin} (version {document.Version})";
        try
        {
            lastGood = new ConfigurationSnapshot(ConfigurationParser.Parse(document.Text), origin, [], false) { Document = document };
            return lastGood;
        }
        catch (ConfigurationException e)
        {
            var id = $"invalid:{document.Origin}@{document.Version ?? "-"}:{Hash(document.Text)}";
            return Fallback(new ConfigurationFault(ConfigurationFaultKind.Invalid, id, $"{origin}: {e.Message}"));
        }
    }

    private ConfigurationSnapshot Fallback(ConfigurationFault fault) =>
        (lastGood ?? ConfigurationSnapshot.Defaults) with { Problems = [fault.Message], UsingFallback = true, Fault = fault };

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
