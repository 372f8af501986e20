namespace IdcKmsGuard.Core.State;

/// <summary>A key policy the guard saw healthy, kept to restore it (repair strategy restore-last-known-good).</summary>
/// <param name="Sha256">Hex SHA-256 of <paramref name="Policy"/> (UTF-8), to tell versions apart in alerts.</param>
/// <param name="Actor">Who set that policy, when the guard knew it from the event.</param>
public sealed record KnownGoodPolicy(string KeyArn, string Policy, string Sha256, DateTimeOffset ObservedAt, string? Actor);
