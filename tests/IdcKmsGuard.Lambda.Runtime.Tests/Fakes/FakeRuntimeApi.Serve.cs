using System.Net;
using System.Text;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

internal sealed partial class FakeRuntimeApi
{
    private const string Prefix = "/2018-06-01/runtime/";

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var path = request.Url!.AbsolutePath;
            if (!path.StartsWith(Prefix, StringComparison.Ordinal))
            {
                response.StatusCode = 404;
            }
            else if (request.HttpMethod == "GET" && path == Prefix + "invocation/next")
            {
                await ServeNextAsync(response);
            }
            else if (request.HttpMethod == "POST" && path == Prefix + "init/error")
            {
                initError.TrySetResult(await RecordAsync(request, "init"));
                response.StatusCode = 202;
            }
            else if (request.HttpMethod == "POST")
            {
                await ServeInvocationPostAsync(request, response, path[(Prefix + "invocation/").Length..]);
            }
            else
            {
                response.StatusCode = 405;
            }

            response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The runtime gave up on a long poll (stop requested) or the fake is shutting down.
            response.Abort();
        }
    }

    private async Task ServeNextAsync(HttpListenerResponse response)
    {
        Interlocked.Increment(ref nextRequests);
        var invocation = await queue.Reader.ReadAsync(stop.Token);
        response.StatusCode = 200;
        response.AddHeader("Lambda-Runtime-Aws-Request-Id", invocation.RequestId);
        response.AddHeader("Lambda-Runtime-Deadline-Ms", Millis(invocation.Deadline));
        response.AddHeader("Lambda-Runtime-Invoked-Function-Arn", FunctionArn);
        if (invocation.TraceId is not null)
        {
            response.AddHeader("Lambda-Runtime-Trace-Id", invocation.TraceId);
        }

        var body = Encoding.UTF8.GetBytes(invocation.Payload);
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body, stop.Token);
    }

    private async Task ServeInvocationPostAsync(HttpListenerRequest request, HttpListenerResponse response, string rest)
    {
        var slash = rest.LastIndexOf('/');
        var requestId = Uri.UnescapeDataString(rest[..slash]);
        var action = rest[(slash + 1)..];
        var post = await RecordAsync(request, requestId);
        if (action == "response" && responseStatus.TryGetValue(requestId, out var rejected))
        {
            response.StatusCode = (int)rejected;
            var body = Encoding.UTF8.GetBytes("{\"errorMessage\":\"rejected by the fake\",\"errorType\":\"RequestEntityTooLarge\"}");
            await response.OutputStream.WriteAsync(body);
            return;
        }

        var slots = action switch
        {
            "response" => responses,
            "error" => errors,
            _ => null,
        };
        if (slots is null)
        {
            response.StatusCode = 404;
            return;
        }

        Slot(slots, requestId).TrySetResult(post);
        response.StatusCode = 202;
    }

    private static async Task<RecordedPost> RecordAsync(HttpListenerRequest request, string requestId) =>
        new(
            requestId,
            await ReadBodyAsync(request),
            request.Headers["Lambda-Runtime-Function-Error-Type"],
            request.ContentType);
}
