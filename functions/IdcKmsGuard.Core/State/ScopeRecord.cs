namespace IdcKmsGuard.Core.State;

/// <summary>What the state holds on one key or instance, read at once (see <see cref="IIncidentMemory.ReadScopeAsync"/>).</summary>
/// <param name="Incident">What is open for the scope; null before anything was recorded.</param>
/// <param name="Unfinished">The events whose journal names the scope and is not finished.</param>
public sealed record ScopeRecord(IncidentMemory? Incident, IReadOnlyList<string> Unfinished)
{
    public static ScopeRecord Empty { get; } = new(null, []);
}
