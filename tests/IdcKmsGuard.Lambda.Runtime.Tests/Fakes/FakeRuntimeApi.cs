using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

// An in-process stand-in for the Lambda Runtime API: queues invocations, records what the runtime posts back.
internal sealed partial class FakeRuntimeApi : IAsyncDisposable
{
    public const string FunctionArn = "arn:aws:lambda:eu-west-1:111122223333:function:idc-kms-guard";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly HttpListener listener = new();
    private readonly Channel<QueuedInvocation> queue = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RecordedPost>> responses = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RecordedPost>> errors = new();
    private readonly ConcurrentDictionary<string, HttpStatusCode> responseStatus = new();
    private readonly TaskCompletionSource<RecordedPost> initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stop = new();
    private readonly Task acceptLoop;
    private int nextRequests;

    public FakeRuntimeApi()
    {
        Address = $"127.0.0.1:{FreePort.Next()}";
        listener.Prefixes.Add($"http://{Address}/");
        listener.Start();
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string Address { get; }

    public int NextRequests => Volatile.Read(ref nextRequests);

    public int ResponseCount => responses.Count(pair => pair.Value.Task.IsCompleted);

    public int ErrorCount => errors.Count(pair => pair.Value.Task.IsCompleted);

    public void Enqueue(string requestId, string payload = "{}", DateTimeOffset? deadline = null, string? traceId = null) =>
        queue.Writer.TryWrite(new QueuedInvocation(
            requestId, payload, deadline ?? TimeProvider.System.GetUtcNow().AddMinutes(5), traceId));

    public void RejectResponse(string requestId, HttpStatusCode status) => responseStatus[requestId] = status;

    public Task<RecordedPost> ResponseFor(string requestId) => Slot(responses, requestId).Task.WaitAsync(WaitLimit);

    public Task<RecordedPost> ErrorFor(string requestId) => Slot(errors, requestId).Task.WaitAsync(WaitLimit);

    public Task<RecordedPost> InitError() => initError.Task.WaitAsync(WaitLimit);

    public bool HasResponse(string requestId) => responses.TryGetValue(requestId, out var slot) && slot.Task.IsCompleted;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Close();
        try
        {
            await acceptLoop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private static TaskCompletionSource<RecordedPost> Slot(
        ConcurrentDictionary<string, TaskCompletionSource<RecordedPost>> slots, string requestId) =>
        slots.GetOrAdd(requestId, _ => new TaskCompletionSource<RecordedPost>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private static string Millis(DateTimeOffset moment) =>
        moment.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static async Task<string> ReadBodyAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private sealed record QueuedInvocation(string RequestId, string Payload, DateTimeOffset Deadline, string? TraceId);
}
