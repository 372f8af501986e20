namespace IdcKmsGuard.Core.Keys;

public enum KeyReferenceKind
{
    KeyArn,
    KeyId,
    AliasName,
    AliasArn,
    Unrecognised,
}

/// <summary>One way an event names a key, classified so it can be compared with the key Identity Center uses.</summary>
public sealed record KeyReference(string Value, KeyReferenceKind Kind, KeyArn? Arn)
{
    public static KeyReference Classify(string value)
    {
        if (KeyArn.TryParse(value, out var arn))
        {
            return new KeyReference(value, KeyReferenceKind.KeyArn, arn);
        }

        if (KeyIds.IsKeyId(value))
        {
            return new KeyReference(value, KeyReferenceKind.KeyId, null);
        }

        if (value.StartsWith("alias/", StringComparison.Ordinal))
        {
            return new KeyReference(value, KeyReferenceKind.AliasName, null);
        }

        return ResourceArn.TryParse(value, "kms", out var parts) && parts.Resource.StartsWith("alias/", StringComparison.Ordinal)
            ? new KeyReference(value, KeyReferenceKind.AliasArn, null)
            : new KeyReference(value, KeyReferenceKind.Unrecognised, null);
    }

    public bool IsAlias => Kind is KeyReferenceKind.AliasName or KeyReferenceKind.AliasArn;
}
