using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IdcKmsGuard.Aws.Signing;

/// <summary>AWS Signature Version 4, header-based.</summary>
internal static partial class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string AuthorizationHeader = "Authorization";
    public const string DateHeader = "X-Amz-Date";
    public const string SecurityTokenHeader = "X-Amz-Security-Token";
    public const string ContentSha256Header = "X-Amz-Content-SHA256";
    public const string EmptyPayloadSha256Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static SigV4Signature Sign(SigV4Request request, AwsCredentials credentials, SigV4SigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(credentials.AccessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(credentials.SecretAccessKey);
        ArgumentException.ThrowIfNullOrEmpty(options.Region);
        ArgumentException.ThrowIfNullOrEmpty(options.Service);

        var amzDate = options.Timestamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var scope = $"{date}/{options.Region}/{options.Service}/aws4_request";

        var added = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            added.Add(new(SecurityTokenHeader, credentials.SessionToken));
        }

        added.Add(new(DateHeader, amzDate));
        if (options.AddContentSha256Header)
        {
            added.Add(new(ContentSha256Header, request.PayloadSha256Hex));
        }

        EnsureSignable(request.Headers, added);
        var signed = added.Where(h => !(h.Key == SecurityTokenHeader && options.OmitSessionTokenFromSignature));
        var (canonicalHeaders, signedHeaders) = CanonicalHeaders(request.Headers.Concat(signed));

        var canonicalRequest = string.Join(
            '\n',
            request.Method,
            CanonicalPath(request.Path, options),
            CanonicalQuery(request.Query),
            canonicalHeaders,
            signedHeaders,
            request.PayloadSha256Hex);

        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Sha256Hex(canonicalRequest)}";

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
        key = Hmac(key, options.Region);
        key = Hmac(key, options.Service);
        key = Hmac(key, "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, stringToSign));

        var authorization =
            $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        added.Add(new(AuthorizationHeader, authorization));
        return new SigV4Signature(canonicalRequest, stringToSign, signature, authorization, added);
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static void EnsureSignable(
        IReadOnlyList<KeyValuePair<string, string>> headers,
        List<KeyValuePair<string, string>> added)
    {
        var hasHost = false;
        foreach (var (name, _) in headers)
        {
            if (name.Equals(AuthorizationHeader, StringComparison.OrdinalIgnoreCase)
                || added.Exists(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"The signer sets {name}; the request must not have it.", nameof(headers));
            }

            hasHost |= name.Trim().Equals("host", StringComparison.OrdinalIgnoreCase);
        }

        if (!hasHost)
        {
            throw new ArgumentException("SigV4 signs the Host header; the request has none.", nameof(headers));
        }
    }
}
