namespace IdcKmsGuard.Core.Policy.Requirements;

public enum RequirementKind
{
    /// <summary>sso.amazonaws.com or identitystore.amazonaws.com calling KMS itself.</summary>
    Service,

    /// <summary>An Identity Center administrator reaching the key through the two services.</summary>
    Administrator,

    /// <summary>An AWS managed application decrypting through the two services.</summary>
    ManagedApplication,

    /// <summary>A request the organization configured as needed too (a workflow role, a specific application).</summary>
    Extra,
}
