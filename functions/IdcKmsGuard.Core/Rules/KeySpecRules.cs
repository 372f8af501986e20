using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Rules;

/// <summary>
/// KEY-SPEC: what kind of key Identity Center can use. Spec, usage, manager, account and Region never change for a
/// key, so this is checked when Identity Center adopts a key, not on every event about it.
/// </summary>
internal static class KeySpecRules
{
    public const string SymmetricDefault = "SYMMETRIC_DEFAULT";
    public const string EncryptDecrypt = "ENCRYPT_DECRYPT";
    public const string CustomerManaged = "CUSTOMER";
    public const string KmsOrigin = "AWS_KMS";

    public static IReadOnlyList<Finding> Evaluate(KeySnapshot key, IdentityCenterInstance instance)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(instance);
        var findings = new List<Finding>();
        if (key.KeySpec != SymmetricDefault)
        {
            findings.Add(Wrong($"The key's spec is {key.KeySpec}; Identity Center needs a symmetric key ({SymmetricDefault})."));
        }

        if (key.KeyUsage != EncryptDecrypt)
        {
            findings.Add(Wrong($"The key's usage is {key.KeyUsage}; Identity Center needs {EncryptDecrypt}."));
        }

        if (key.KeyManager != CustomerManaged)
        {
            findings.Add(Wrong($"The key is managed by {key.KeyManager}, not by the customer: its policy cannot be set to serve Identity Center."));
        }

        if (instance.OwnerAccountId.Length > 0 && key.Arn.Account != instance.OwnerAccountId)
        {
            findings.Add(Wrong($"The key is in account {key.Arn.Account}; the instance is in {instance.OwnerAccountId}."));
        }

        if (instance.PrimaryRegion is { Length: > 0 } region && key.Arn.Region != region)
        {
            findings.Add(Wrong($"The key is in {key.Arn.Region}; the instance's primary Region is {region}."));
        }

        if (key.Origin != KmsOrigin)
        {
            findings.Add(new Finding(RuleCatalog.KeySpec.Id, Severity.Medium, OriginNote(key.Origin)));
        }

        return findings;
    }

    private static Finding Wrong(string message) => KeyStateRules.Violation(RuleCatalog.KeySpec, message);

    private static string OriginNote(string origin) => origin switch
    {
        "EXTERNAL" => "The key's material is imported (origin EXTERNAL): if it expires or is deleted, Identity Center stops until the same "
            + "material is imported again. Keep a copy and watch its expiry.",
        "AWS_CLOUDHSM" => "The key lives in a CloudHSM key store (origin AWS_CLOUDHSM): whenever the key store is disconnected, "
            + "Identity Center cannot decrypt.",
        "EXTERNAL_KEY_STORE" => "The key lives in an external key store (origin EXTERNAL_KEY_STORE): whenever the external key manager is "
            + "unreachable, Identity Center cannot decrypt.",
        _ => $"The key's origin is {origin}, not AWS_KMS: its availability depends on more than KMS.",
    };
}
