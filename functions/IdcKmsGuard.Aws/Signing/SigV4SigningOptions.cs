namespace IdcKmsGuard.Aws.Signing;

/// <summary>The defaults are the rules for every service except S3.</summary>
internal sealed record SigV4SigningOptions(string Region, string Service, DateTimeOffset Timestamp)
{
    public bool NormalizePath { get; init; } = true;

    public bool DoubleUriEncodePath { get; init; } = true;

    /// <summary>Sends X-Amz-Security-Token without signing it, for the few endpoints that expect it unsigned.</summary>
    public bool OmitSessionTokenFromSignature { get; init; }

    public bool AddContentSha256Header { get; init; }
}
