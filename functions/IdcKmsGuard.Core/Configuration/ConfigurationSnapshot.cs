namespace IdcKmsGuard.Core.Configuration;

/// <summary>The configuration to act on now, and whatever is wrong with the source.</summary>
/// <param name="Origin">Where <paramref name="Configuration"/> came from: "ssm:/idckmsguard/config (version 3)", or "defaults".</param>
/// <param name="Problems">Empty when the source's document is the one in effect.</param>
/// <param name="UsingFallback">The source's current document could not be used: the last good one (or the defaults) is in effect.</param>
/// <param name="Fault">Set exactly when <paramref name="UsingFallback"/> is.</param>
public sealed record ConfigurationSnapshot(
    GuardConfiguration Configuration,
    string Origin,
    IReadOnlyList<string> Problems,
    bool UsingFallback,
    ConfigurationFault? Fault = null)
{
    public const string DefaultsOrigin = "defaults";

    /// <summary>
    /// The source could not be read and no good document was ever read in this process: the defaults in effect may
    /// not be what the deployment chose (exemptions, dry run, rule modes), so the guard changes nothing.
    /// </summary>
    public bool FailClosed { get; init; }

    /// <summary>The document <see cref="Configuration"/> was parsed from; null on the defaults (no document).</summary>
    public ConfigurationDocument? Document { get; init; }

    public static ConfigurationSnapshot Defaults { get; } = new(GuardConfiguration.Defaults, DefaultsOrigin, [], false);
}
