using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IdcKmsGuard.Aws.Tests.Signing;

/// <summary>Accepts one HTTP/1.1 request on 127.0.0.1 and returns its bytes exactly as they arrived.</summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public LoopbackHttpServer() => listener.Start();

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public async Task<string> ReceiveOneAsync(CancellationToken cancellation)
    {
        using var socket = await listener.AcceptSocketAsync(cancellation);
        await using var stream = new NetworkStream(socket);
        var received = new List<byte>();
        int headEnd;
        while ((headEnd = Text(received).IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
        {
            await ReadAsync(stream, received, cancellation);
        }

        var length = int.Parse(RawHttpMessage.Parse(Text(received)).Header("Content-Length"), CultureInfo.InvariantCulture);
        while (received.Count < headEnd + 4 + length)
        {
            await ReadAsync(stream, received, cancellation);
        }

        await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellation);
        return Text(received);
    }

    public void Dispose() => listener.Dispose();

    private static string Text(List<byte> bytes) => Encoding.UTF8.GetString([.. bytes]);

    private static async Task ReadAsync(NetworkStream stream, List<byte> received, CancellationToken cancellation)
    {
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, cancellation);
        if (read == 0)
        {
            throw new IOException("The client closed the connection before sending a whole request.");
        }

        received.AddRange(buffer.AsSpan(0, read));
    }
}
