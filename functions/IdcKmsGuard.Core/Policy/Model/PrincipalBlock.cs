namespace IdcKmsGuard.Core.Policy.Model;

public enum PrincipalType
{
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

/// <param name="Value">As written: "*", an account id, an account root ARN, a role, user or session ARN, a service name.</param>
public sealed record PrincipalEntry(PrincipalType Type, string Value);

/// <summary>Principal or NotPrincipal. <see cref="IsWildcard"/>: "Principal": "*" (every principal, services included).</summary>
public sealed record PrincipalBlock(bool IsNot, bool IsWildcard, IReadOnlyList<PrincipalEntry> Entries)
{
    public static PrincipalBlock Everyone { get; } = new(false, true, []);
}
