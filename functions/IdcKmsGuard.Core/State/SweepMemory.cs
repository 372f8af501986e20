namespace IdcKmsGuard.Core.State;

/// <summary>What the last sweep found for one scope (a key, a replica, an instance), so the next alerts only on change.</summary>
/// <param name="Scope">The key ARN or instance ARN.</param>
/// <param name="Fingerprint">The open findings' rule ids, sorted and joined; empty when healthy.</param>
/// <param name="Sweeps">Consecutive sweeps that found this fingerprint.</param>
/// <param name="Since">When this fingerprint was first found.</param>
public sealed record SweepMemory(string Scope, string Fingerprint, int Sweeps, DateTimeOffset Since);
