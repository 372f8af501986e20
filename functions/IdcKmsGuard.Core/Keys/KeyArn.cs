using System.Diagnostics.CodeAnalysis;

namespace IdcKmsGuard.Core.Keys;

/// <summary>A KMS key ARN: arn:{partition}:kms:{region}:{account}:key/{id}.</summary>
public sealed record KeyArn(string Partition, string Region, string Account, string KeyId)
{
    public bool IsMultiRegion => KeyId.StartsWith("mrk-", StringComparison.Ordinal);

    public static KeyArn Parse(string value) =>
        TryParse(value, out var arn) ? arn : throw new FormatException($"'{value}' is not a KMS key ARN.");

    public static bool TryParse(string? value, [NotNullWhen(true)] out KeyArn? arn)
    {
        arn = null;
        if (!ResourceArn.TryParse(value, "kms", out var parts) || !parts.Resource.StartsWith("key/", StringComparison.Ordinal))
        {
            return false;
        }

        var keyId = parts.Resource["key/".Length..];
        if (!KeyIds.IsKeyId(keyId) || parts.Region.Length == 0 || parts.Account.Length != 12)
        {
            return false;
        }

        arn = new KeyArn(parts.Partition, parts.Region, parts.Account, keyId);
        return true;
    }

    /// <summary>The same key in another Region: how a multi-Region replica is named.</summary>
    public KeyArn InRegion(string region) => this with { Region = region };

    public override string ToString() => $"arn:{Partition}:kms:{Region}:{Account}:key/{KeyId}";
}
