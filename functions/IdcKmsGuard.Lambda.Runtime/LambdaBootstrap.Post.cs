using System.Net;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime;

public sealed partial class LambdaBootstrap
{
    private async Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> response)
    {
        try
        {
            await client.PostResponseAsync(requestId, response, CancellationToken.None).ConfigureAwait(false);
        }
        catch (LambdaRuntimeApiException exception) when ((int?)exception.StatusCode is >= 400 and < 500)
        {
            // The invocation is still open after a rejected response (413 above 6 MB); without an error post the
            // invoker would see only a timeout.
            var status = exception.StatusCode.GetValueOrDefault();
            var errorType = status == HttpStatusCode.RequestEntityTooLarge
                ? LambdaErrorTypes.ResponseSizeTooLarge
                : LambdaErrorTypes.ResponseRejected;
            logger.LogError(
                exception, "The Runtime API rejected a response of {ResponseBytes} bytes with {StatusCode}", response.Length, (int)status);
            await PostErrorAsync(requestId, new LambdaError(errorType, exception.Message)).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsRuntimeApiFailure(exception))
        {
            logger.LogError(exception, "Posting the response failed");
        }
    }

    private async Task PostErrorAsync(string requestId, LambdaError error)
    {
        try
        {
            await client.PostInvocationErrorAsync(requestId, error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsRuntimeApiFailure(exception))
        {
            logger.LogError(exception, "Posting the invocation error {ErrorType} failed", error.ErrorType);
        }
    }
}
