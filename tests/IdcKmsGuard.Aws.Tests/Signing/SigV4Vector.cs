using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IdcKmsGuard.Aws.Signing;

namespace IdcKmsGuard.Aws.Tests.Signing;

/// <summary>One case folder of the AWS SigV4 test suite (see Vectors/README.md).</summary>
internal sealed record SigV4Vector(
    string Name,
    RawHttpMessage Request,
    AwsCredentials Credentials,
    SigV4SigningOptions Options,
    string ExpectedCanonicalRequest,
    string ExpectedStringToSign,
    string ExpectedSignature,
    RawHttpMessage ExpectedSignedRequest)
{
    // expiration_in_seconds only matters to query-string (presigned) signing, which these tests skip.
    private static readonly HashSet<string> KnownContextKeys =
    [
        "credentials", "expiration_in_seconds", "normalize", "region", "service", "sign_body", "timestamp",
        "omit_session_token",
    ];

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Signing", "Vectors");

    public static IEnumerable<string> CaseNames =>
        Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public SigV4Request ToSigV4Request() =>
        new(Request.Method, Request.Path, Request.Query, Request.Headers, SigV4Signer.Sha256Hex(Request.Body));

    /// <summary>The same request built the way our AWS clients build theirs.</summary>
    public HttpRequestMessage ToHttpRequestMessage()
    {
        var query = Request.Query.Count == 0
            ? ""
            : "?" + string.Join('&', Request.Query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var message = new HttpRequestMessage(
            new HttpMethod(Request.Method),
            new Uri($"https://{Request.Header("Host")}{Request.Path}{query}"));
        if (Request.Body.Length > 0)
        {
            message.Content = new ByteArrayContent(Request.Body);
        }

        foreach (var (name, value) in Request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Add(name, value);
            }
        }

        return message;
    }

    public static SigV4Vector Load(string name)
    {
        var folder = Path.Combine(Root, name);
        string Read(string file) => File.ReadAllText(Path.Combine(folder, file), Encoding.UTF8);

        using var context = JsonDocument.Parse(Read("context.json"));
        var root = context.RootElement;
        var unknown = root.EnumerateObject().Select(p => p.Name).Where(k => !KnownContextKeys.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"{name}/context.json has options these tests do not apply: {string.Join(", ", unknown)}");
        }

        var credentials = root.GetProperty("credentials");
        return new SigV4Vector(
            name,
            RawHttpMessage.Parse(Read("request.txt")),
            new AwsCredentials(
                credentials.GetProperty("access_key_id").GetString()!,
                credentials.GetProperty("secret_access_key").GetString()!,
                credentials.TryGetProperty("token", out var token) ? token.GetString() : null),
            new SigV4SigningOptions(
                root.GetProperty("region").GetString()!,
                root.GetProperty("service").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture))
            {
                NormalizePath = root.GetProperty("normalize").GetBoolean(),
                AddContentSha256Header = root.GetProperty("sign_body").GetBoolean(),
                OmitSessionTokenFromSignature =
                    root.TryGetProperty("omit_session_token", out var omit) && omit.GetBoolean(),
            },
            Read("header-canonical-request.txt"),
            Read("header-string-to-sign.txt"),
            Read("header-signature.txt"),
            RawHttpMessage.Parse(Read("header-signed-request.txt")));
    }
}
