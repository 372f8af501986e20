namespace IdcKmsGuard.Core.State;

/// <summary>What the state holds on one key or instance, read at once (see <see cref="IIncidentMemory.ReadScopeAsync"/>).</summary>
/// <param name="Incident">What is open for the scope; null before anything was recorded.</param>
/// <param name="Unfinished">The events whose journal names the scope and is not finished.</param>
/// <param name="Memory">Whose changes the key shows: the changes the guard knows of and what it saw.</param>
public sealed record ScopeRecord(IncidentMemory? Incident, IReadOnlyList<string> Unfinished, KeyMemory Memory)
{
    public static ScopeRecord Empty { get; } = new(null, [], KeyMemory.Empty);
}
