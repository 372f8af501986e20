using System.Net;
using System.Net.Sockets;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

internal static class FreePort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
