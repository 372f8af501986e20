using System.Reflection;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>What every alert of one deployment says about where it comes from, and in which document version.</summary>
public sealed record AlertFormat
{
    public static AlertFormat Default { get; } = new();

    /// <summary>The guard's release (functions/Directory.Build.props): which code wrote the alert. Without the commit the
    /// build appends (the CLI's --version shows it): every alert of one release says the same.</summary>
    public static string GuardVersion { get; } =
        (typeof(AlertFormat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown").Split('+')[0];

    public RunbookLinks Runbooks { get; init; } = RunbookLinks.Default;

    /// <summary>The account the guard runs in (null: taken from the event).</summary>
    public string? Account { get; init; }

    /// <summary>A name people know the account by (the stack's AccountLabel), e.g. "identity-prod".</summary>
    public string? AccountLabel { get; init; }

    /// <summary>The document's major version: 2 (current), or 1 for subscribers not yet moved (one release only).</summary>
    public int SchemaVersion { get; init; } = AlertDocument.CurrentVersion;
}
