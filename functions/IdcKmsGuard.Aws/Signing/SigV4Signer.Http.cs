namespace IdcKmsGuard.Aws.Signing;

internal static partial class SigV4Signer
{
    // Proxies and the HTTP handler may add or rewrite these; the AWS SDKs leave them unsigned too.
    private static readonly HashSet<string> UnsignedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "connection", "expect", "transfer-encoding", "user-agent", "x-amzn-trace-id",
    };

    /// <summary>
    /// Signs <paramref name="request"/> in place. <paramref name="body"/> must be the bytes of
    /// <c>request.Content</c> (a <see cref="ByteArrayContent"/> over them, with its Content-Type already set).
    /// Signing again (a retry) replaces the previous signature.
    /// </summary>
    public static SigV4Signature SignHttpRequest(
        HttpRequestMessage request,
        byte[] body,
        AwsCredentials credentials,
        SigV4SigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new ArgumentException("The request needs an absolute URI.", nameof(request));

        // Reading ContentLength also stores it in the content headers, so the value signed below is the one sent.
        if ((request.Content?.Headers.ContentLength ?? 0) != body.Length)
        {
            throw new ArgumentException("The request content is not the body being signed.", nameof(body));
        }

        request.Headers.Remove(AuthorizationHeader);
        request.Headers.Remove(DateHeader);
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            request.Headers.Remove(SecurityTokenHeader);
        }

        if (options.AddContentSha256Header)
        {
            request.Headers.Remove(ContentSha256Header);
        }

        request.Headers.Host ??= uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";

        // NonValidated values are formatted with each header's own separator, as the handler writes them.
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            if (!UnsignedHeaders.Contains(name))
            {
                headers.Add(new(name, values.ToString()));
            }
        }

        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers.NonValidated)
            {
                headers.Add(new(name, values.ToString()));
            }
        }

        var signature = Sign(
            new SigV4Request(request.Method.Method, uri.AbsolutePath, ParseQuery(uri.Query), headers, Sha256Hex(body)),
            credentials,
            options);

        foreach (var (name, value) in signature.HeadersToAdd)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return signature;
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            parameters.Add(equals < 0
                ? new(Uri.UnescapeDataString(pair), "")
                : new(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..])));
        }

        return parameters;
    }
}
