namespace IdcKmsGuard.Core.Configuration;

/// <summary>
/// Bounds that keep a bad document from being huge. The size cap is an advanced SSM parameter's 8 KB, so anything
/// Parameter Store can hold is read; the template's standard parameter holds 4 KB.
/// </summary>
public static class ConfigurationLimits
{
    public const int MaxDocumentLength = 8192;
    public const int MaxDepth = 16;
    public const int MaxPrincipalExemptions = 50;
    public const int MaxApprovedKeys = 50;
    public const int MaxExtraRequirements = 20;
    public const int MaxContextKeys = 10;
    public const int MaxContextValues = 10;

    /// <summary>An IAM ARN is at most 2048 characters.</summary>
    public const int MaxArnLength = 2048;
    public const int MaxReasonLength = 256;
    public const int MaxNameLength = 100;

    /// <summary>A KMS tag key is at most 128 characters.</summary>
    public const int MaxTagKeyLength = 128;
    public const int MaxContextKeyLength = 256;
    public const int MaxContextValueLength = 1024;
    public const int MinRepeatAlertWindowMinutes = 1;

    /// <summary>One week: a longer window would hide a repeated attack for too long.</summary>
    public const int MaxRepeatAlertWindowMinutes = 10080;

    /// <summary>A week of hourly sweeps.</summary>
    public const int MaxSweepRepeatAfter = 168;
}
