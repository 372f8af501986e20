using System.Diagnostics.CodeAnalysis;

namespace IdcKmsGuard.Core.Keys;

/// <summary>The six colon-separated parts of an ARN, for one service.</summary>
internal sealed record ResourceArn(string Partition, string Service, string Region, string Account, string Resource)
{
    public static bool TryParse(string? value, string service, [NotNullWhen(true)] out ResourceArn? arn)
    {
        arn = null;
        if (value is null || !value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = value.Split(':', 6);
        if (parts.Length != 6 || parts[1].Length == 0 || !string.Equals(parts[2], service, StringComparison.Ordinal))
        {
            return false;
        }

        arn = new ResourceArn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }
}
