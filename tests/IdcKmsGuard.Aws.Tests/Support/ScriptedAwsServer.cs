using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IdcKmsGuard.Aws.Tests.Support;

/// <summary>
/// A stand-in AWS endpoint on 127.0.0.1: answers each request with the next scripted response (one connection
/// per request, closed after the answer) and records what arrived. With the script used up it answers 599.
/// </summary>
internal sealed partial class ScriptedAwsServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<ScriptedResponse> script;
    private readonly ConcurrentQueue<RecordedRequest> received = new();
    private readonly CancellationTokenSource stopping = new();

    public ScriptedAwsServer(params ScriptedResponse[] responses)
    {
        script = new ConcurrentQueue<ScriptedResponse>(responses);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public IReadOnlyList<RecordedRequest> Requests => [.. received];

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var socket = await listener.AcceptSocketAsync(stopping.Token);
                _ = Task.Run(() => AnswerAsync(socket));
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    // Each connection on its own, so that a retry is seen even while an earlier answer is still being delayed.
    private async Task AnswerAsync(Socket socket)
    {
        try
        {
            using (socket)
            {
                await using var stream = new NetworkStream(socket);
                received.Enqueue(await ReadRequestAsync(stream, stopping.Token));
                var response = script.TryDequeue(out var next) ? next : new ScriptedResponse(599, "script exhausted", "text/plain", []);
                await Task.Delay(response.Delay, stopping.Token);
                await stream.WriteAsync(Encode(response), stopping.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // Stopping, or the client gave up on this request (a cancellation test).
        }
    }

    private static byte[] Encode(ScriptedResponse response)
    {
        var body = Encoding.UTF8.GetBytes(response.Body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} Scripted\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in response.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        return [.. Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), .. body];
    }
}
