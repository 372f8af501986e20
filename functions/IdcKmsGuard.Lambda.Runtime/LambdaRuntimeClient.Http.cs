using System.Net.Http.Headers;

namespace IdcKmsGuard.Lambda.Runtime;

public sealed partial class LambdaRuntimeClient
{
    private const int MaxErrorBodyChars = 1024;

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length > MaxErrorBodyChars)
        {
            body = body[..MaxErrorBodyChars];
        }

        throw new LambdaRuntimeApiException(operation, response.StatusCode, body);
    }

    private static string? HeaderValue(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // Header values must be printable ASCII; an exception-chosen error type must not make the error post itself fail.
    private static string HeaderSafe(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is < ' ' or > '~')
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
