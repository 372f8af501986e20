namespace IdcKmsGuard.Core.Policy.Evaluation;

/// <summary>
/// The condition keys of one request. Keys compare case-insensitively, as IAM does; a key may hold several values
/// (kms:EncryptionContextKeys, aws:PrincipalServiceNamesList).
/// </summary>
public sealed class RequestContext
{
    private readonly Dictionary<string, IReadOnlyList<string>> values;

    public RequestContext(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        this.values = new Dictionary<string, IReadOnlyList<string>>(values, StringComparer.OrdinalIgnoreCase);
    }

    public static RequestContext Empty { get; } = new([]);

    public IEnumerable<string> Keys => values.Keys;

    /// <returns>The key's values, or null when the request does not carry the key.</returns>
    public IReadOnlyList<string>? Get(string key) => values.TryGetValue(key, out var found) ? found : null;

    public RequestContext With(string key, params string[] keyValues)
    {
        var copy = new Dictionary<string, IReadOnlyList<string>>(values, StringComparer.OrdinalIgnoreCase) { [key] = keyValues };
        return new RequestContext(copy);
    }
}
