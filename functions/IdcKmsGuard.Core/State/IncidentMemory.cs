namespace IdcKmsGuard.Core.State;

/// <summary>What is open for one scope (a key, a replica, an instance), so the sweep alerts only on change and an event
/// that finds the scope healthy closes it.</summary>
/// <param name="Scope">The key ARN or instance ARN.</param>
/// <param name="Fingerprint">The open findings' rule ids, sorted and joined; empty when healthy.</param>
/// <param name="Sweeps">Consecutive sweeps that found this fingerprint.</param>
/// <param name="Since">When this fingerprint was first found.</param>
public sealed record IncidentMemory(string Scope, string Fingerprint, int Sweeps, DateTimeOffset Since);
