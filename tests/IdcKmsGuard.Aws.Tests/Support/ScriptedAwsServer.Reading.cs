using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace IdcKmsGuard.Aws.Tests.Support;

internal sealed partial class ScriptedAwsServer
{
    private static async Task<RecordedRequest> ReadRequestAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var bytes = new List<byte>();
        int headEnd;
        while ((headEnd = IndexOfBlankLine(bytes)) < 0)
        {
            await ReadMoreAsync(stream, bytes, cancellation);
        }

        var lines = Encoding.ASCII.GetString([.. bytes[..headEnd]]).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = lines[1..]
            .Select(line => line.Split(':', 2))
            .Select(parts => new KeyValuePair<string, string>(parts[0], parts[1].Trim()))
            .ToList();
        var length = headers
            .Where(h => string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h.Value, CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var bodyStart = headEnd + 4;
        while (bytes.Count < bodyStart + length)
        {
            await ReadMoreAsync(stream, bytes, cancellation);
        }

        return new RecordedRequest(requestLine[0], requestLine[1], headers, [.. bytes.GetRange(bodyStart, length)]);
    }

    private static int IndexOfBlankLine(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static async Task ReadMoreAsync(NetworkStream stream, List<byte> bytes, CancellationToken cancellation)
    {
        var buffer = new byte[8192];
        var read = await stream.ReadAsync(buffer, cancellation);
        if (read == 0)
        {
            throw new IOException("The client closed the connection in the middle of a request.");
        }

        bytes.AddRange(buffer.AsSpan(0, read));
    }
}
