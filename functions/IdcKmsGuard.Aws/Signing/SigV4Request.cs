namespace IdcKmsGuard.Aws.Signing;

/// <summary>
/// A request as the signer sees it. <see cref="Path"/> is the path as sent on the wire (already percent-encoded);
/// <see cref="Query"/> holds decoded names and values; <see cref="Headers"/> are signed exactly as given and must
/// include Host.
/// </summary>
internal sealed record SigV4Request(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadSha256Hex);
