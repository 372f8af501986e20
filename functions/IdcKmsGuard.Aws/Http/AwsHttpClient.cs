using System.Net.Http.Headers;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Signing;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Http;

/// <summary>
/// Sends one signed AWS request, retrying throttling, 5xx and network failures with backoff (only throttling for a
/// request that is not <see cref="AwsHttpRequest.SafeToRepeat"/>). A failure that outlives the retries becomes an
/// <see cref="AwsCallException"/> with the AWS error code and request id; the caller's token bounds the whole call.
/// </summary>
public sealed class AwsHttpClient(HttpClient http, IAwsCredentialSource credentials, AwsEndpointResolver endpoints, TimeProvider time, BackoffPolicy retry)
{
    internal async Task<AwsHttpResponse> SendAsync(AwsHttpRequest request, IAwsErrorReader errors, CancellationToken cancellationToken)
    {
        var endpoint = endpoints.Resolve(request.Service, request.Region);
        for (var attempt = 1; ; attempt++)
        {
            AwsError error;
            int? status = null;
            Exception? failure = null;
            try
            {
                using var message = await BuildAsync(request, endpoint, cancellationToken).ConfigureAwait(false);
                using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return new AwsHttpResponse(body, RequestIdOf(response.Headers));
                }

                status = (int)response.StatusCode;
                error = errors.Read(status.Value, body, response.Headers);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failure = e;
                error = new AwsError(e is TaskCanceledException ? TransientErrors.RequestTimeout : TransientErrors.NetworkError, e.Message, null);
            }

            var retryable = request.SafeToRepeat
                ? failure is not null || BackoffPolicy.IsRetryable(status!.Value, error.Code)
                : status is { } code && BackoffPolicy.IsThrottling(code, error.Code);
            if (!retryable || attempt >= retry.MaxAttempts)
            {
                var after = attempt > 1 ? $" (after {attempt} attempts)" : string.Empty;
                throw new AwsCallException(
                    request.Service.SigningName,
                    request.Operation,
                    error.Code,
                    error.Message + after,
                    error.RequestId,
                    status,
                    request.Resource,
                    failure);
            }

            await Task.Delay(retry.DelayBefore(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static string? RequestIdOf(HttpResponseHeaders headers) =>
        headers.TryGetValues("x-amzn-RequestId", out var ids) || headers.TryGetValues("x-amz-request-id", out ids) ? ids.FirstOrDefault() : null;

    private async Task<HttpRequestMessage> BuildAsync(AwsHttpRequest request, Uri endpoint, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(request.Method, request.PathAndQuery is { } path ? new Uri(endpoint, path) : endpoint);
        if (request.Method != HttpMethod.Get)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var signingCredentials = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        SigV4Signer.SignHttpRequest(
            message,
            request.Body,
            signingCredentials,
            new SigV4SigningOptions(request.Region, request.Service.SigningName, time.GetUtcNow()));
        return message;
    }
}
