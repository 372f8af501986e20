using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace IdcKmsGuard.StandInHistories;

/// <summary>
/// The published <c>bootstrap</c> as Lambda runs it: a Runtime API (2018-06-01) on loopback that serves one invocation
/// at a time, the process started with the function's environment, and Lambda's asynchronous delivery (a failed
/// attempt is delivered again, up to <see cref="Deliveries"/> times). <see cref="Recycle"/> ends the sandbox: the next
/// invocation is a cold start, as after a deployment or an idle spell.
/// </summary>
internal sealed class LocalLambda : IDisposable
{
    private const string Prefix = "/2018-06-01/runtime";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string bootstrap;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly string logPath;
    private readonly HttpListener listener = new();
    // One queue per sandbox: a killed process's request for the next invocation must not take the new sandbox's.
    private Channel<(string Id, string Payload)> pending = Channel.CreateUnbounded<(string, string)>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> answers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly string address;
    private Process? process;

    public LocalLambda(string bootstrap, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        this.bootstrap = bootstrap;
        this.environment = environment;
        this.logPath = logPath;
        var port = FreePort();
        address = $"127.0.0.1:{port}";
        listener.Prefixes.Add($"http://{address}/");
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>How often Lambda hands an asynchronous event to the function: the first attempt and two retries.</summary>
    public int Deliveries { get; init; } = 3;

    /// <summary>Hands <paramref name="payload"/> to the function as an asynchronous invocation.</summary>
    /// <returns>Whether an attempt succeeded (false: every attempt failed, the event would be dead-lettered).</returns>
    public bool InvokeAsynchronously(string payload)
    {
        for (var attempt = 1; attempt <= Deliveries; attempt++)
        {
            if (Invoke(payload))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ends the sandbox; the next invocation starts the process again.</summary>
    public void Recycle()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose()
    {
        Recycle();
        stop.Cancel();
        listener.Close();
        stop.Dispose();
    }

    private bool Invoke(string payload)
    {
        if (process is null or { HasExited: true })
        {
            Start();
        }

        var id = Guid.NewGuid().ToString();
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        answers[id] = answer;
        pending.Writer.TryWrite((id, payload));
        if (!answer.Task.Wait(Timeout))
        {
            // A timeout: Lambda kills the sandbox and counts a failed attempt.
            answers.TryRemove(id, out _);
            Recycle();
            return false;
        }

        return answer.Task.Result;
    }

    private void Start()
    {
        process?.Dispose();
        pending = Channel.CreateUnbounded<(string, string)>();
        var start = new ProcessStartInfo(bootstrap)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(bootstrap))!,
        };
        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_LAMBDA_RUNTIME_API"] = address;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "idckmsguard-histories";
        start.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256";
        start.Environment["_HANDLER"] = "bootstrap";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {bootstrap}.");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == $"{Prefix}/invocation/next")
            {
                var (id, payload) = await pending.Reader.ReadAsync(stop.Token).ConfigureAwait(false);
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = id;
                response.Headers["Lambda-Runtime-Deadline-Ms"] = (TimeProvider.System.GetUtcNow() + Timeout).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:111122223333:function:idckmsguard-histories";
                response.Headers["Lambda-Runtime-Trace-Id"] = $"Root=1-{TimeProvider.System.GetUtcNow().ToUnixTimeSeconds():x8}-{Guid.NewGuid():N}"[..40] + ";Sampled=0";
                await ReplyAsync(response, 200, payload).ConfigureAwait(false);
                return;
            }

            var parts = path[Prefix.Length..].Trim('/').Split('/');
            if (context.Request.HttpMethod == "POST" && parts is ["invocation", var requestId, "response" or "error"])
            {
                answers.TryRemove(requestId, out var answer);
                answer?.TrySetResult(parts[2] == "response");
                await ReplyAsync(response, 202, """{"status":"OK"}""").ConfigureAwait(false);
                return;
            }

            await ReplyAsync(response, path.EndsWith("/init/error", StringComparison.Ordinal) ? 202 : 404, "{}").ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            response.Abort();
        }
    }

    private static async Task ReplyAsync(HttpListenerResponse response, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
