using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace IdcKmsGuard.Lambda.Runtime;

public sealed partial class LambdaRuntimeClient : IDisposable
{
    private const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    private const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    private const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    private const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly HttpClient http;

    // The handler parameter exists for tests; the client always owns its HttpClient so that nobody can hand it
    // one with the default 100 s timeout, which would break the long poll on invocation/next.
    public LambdaRuntimeClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/");
        http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri BaseAddress { get; }

    public static LambdaRuntimeClient FromEnvironment(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var runtimeApi = environment.GetVariable(EnvironmentVariableNames.RuntimeApi);
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariableNames.RuntimeApi} is not set: run this program in Lambda or under the Runtime Interface Emulator.");
        }

        return new LambdaRuntimeClient(runtimeApi);
    }

    public async Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "invocation/next"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "invocation/next", cancellationToken).ConfigureAwait(false);

        var headers = response.Headers;
        var requestId = HeaderValue(headers, RequestIdHeader)
            ?? throw new LambdaRuntimeApiException($"invocation/next returned no {RequestIdHeader} header.");
        var deadlineText = HeaderValue(headers, DeadlineHeader);
        if (!long.TryParse(deadlineText, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs))
        {
            throw new LambdaRuntimeApiException($"invocation/next returned an invalid {DeadlineHeader} header: '{deadlineText}'.");
        }

        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new LambdaInvocation(
            requestId,
            DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            HeaderValue(headers, FunctionArnHeader) ?? string.Empty,
            HeaderValue(headers, TraceIdHeader),
            payload);
    }

    public async Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(response);
        using var request = new HttpRequestMessage(HttpMethod.Post, InvocationUri(requestId, "response")) { Content = content };
        using var reply = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(reply, "invocation/response", cancellationToken).ConfigureAwait(false);
    }

    public Task PostInvocationErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync(InvocationUri(requestId, "error"), "invocation/error", error, cancellationToken);

    public Task PostInitErrorAsync(LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync(new Uri(BaseAddress, "init/error"), "init/error", error, cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task PostErrorAsync(Uri uri, string operation, LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new LambdaErrorBody(error.ErrorMessage, error.ErrorType, []),
            RuntimeJsonContext.Default.LambdaErrorBody);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, HeaderSafe(error.ErrorType));
        using var reply = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(reply, operation, cancellationToken).ConfigureAwait(false);
    }

    private Uri InvocationUri(string requestId, string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return new Uri(BaseAddress, $"invocation/{Uri.EscapeDataString(requestId)}/{action}");
    }
}
