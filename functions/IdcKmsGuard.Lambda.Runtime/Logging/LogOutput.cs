namespace IdcKmsGuard.Lambda.Runtime.Logging;

// One Write per line under a lock, flushed at once: lines from concurrent tasks never interleave, and a line
// written just before the process is frozen or killed is not lost in a buffer.
internal sealed class LogOutput(Stream stream)
{
    private readonly Lock gate = new();

    public void WriteLine(ReadOnlySpan<byte> line)
    {
        lock (gate)
        {
            stream.Write(line);
            stream.Flush();
        }
    }
}
