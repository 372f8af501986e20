namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// Context keys the AWS documentation calls multivalued: a request may carry several values, and a policy must compare
/// them with ForAnyValue: or ForAllValues:. Only keys confirmed on their documentation page are listed.
/// </summary>
public static class MultivaluedContextKeys
{
    private static readonly HashSet<string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        // AWS KMS condition keys (Value type: Multi-valued).
        "kms:EncryptionContextKeys",
        "kms:GrantOperations",
        "kms:ResourceAliases",

        // IAM User Guide: Single-valued vs. multivalued context keys; AWS global condition context keys.
        "aws:TagKeys",
        "aws:PrincipalServiceNamesList",
        "aws:PrincipalOrgPaths",
    };

    public static bool Contains(string key) => Keys.Contains(key);
}
