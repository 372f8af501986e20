namespace IdcKmsGuard.Aws.Signing;

/// <summary><see cref="HeadersToAdd"/> includes the Authorization header itself.</summary>
internal sealed record SigV4Signature(
    string CanonicalRequest,
    string StringToSign,
    string Signature,
    string Authorization,
    IReadOnlyList<KeyValuePair<string, string>> HeadersToAdd);
