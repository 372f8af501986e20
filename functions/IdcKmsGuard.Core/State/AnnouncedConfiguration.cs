namespace IdcKmsGuard.Core.State;

/// <summary>The last configuration document the guard announced (GUARD-CONFIG-CHANGED), to tell the next one's changes.</summary>
/// <param name="Source">Where the document lives: "ssm:/idckmsguard/configuration".</param>
/// <param name="Version">The source's version of it (the SSM parameter version).</param>
public sealed record AnnouncedConfiguration(string Source, string Version, string Text, DateTimeOffset At)
{
    /// <summary>When the source wrote the announced version, if it said.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }
}
