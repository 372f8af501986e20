using System.Net;
using System.Net.Sockets;

namespace IdcKmsGuard.Aws.Tests.Support;

internal static class FreePort
{
    /// <summary>An endpoint on a port that was just free and has nothing listening: connecting is refused.</summary>
    public static Uri Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
