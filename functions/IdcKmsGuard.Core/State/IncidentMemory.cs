using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.State;

/// <summary>What is open for one scope (a key, a replica, an instance), so the sweep alerts only on change and an event
/// that finds the scope healthy closes it.</summary>
/// <param name="Open">The rules with an open finding; empty when healthy.</param>
/// <param name="Sweeps">Consecutive sweeps that found these rules open.</param>
/// <param name="Since">When these rules were first found open.</param>
public sealed record IncidentMemory(IncidentScope Scope, RuleSet Open, int Sweeps, DateTimeOffset Since)
{
    public bool IsHealthy => Open.IsEmpty;
}
