using System.Collections.Concurrent;

namespace IdcKmsGuard.Aws.Endpoints;

/// <summary>One SDK client per Region, made on first use and disposed together (KMS is called in every Region of a
/// multi-Region key; each client keeps its own connections).</summary>
public abstract class RegionalClients<TClient>(Func<string, TClient> create) : IDisposable
    where TClient : IDisposable
{
    private readonly ConcurrentDictionary<string, TClient> clients = new(StringComparer.Ordinal);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected TClient ClientFor(string region) => clients.GetOrAdd(region, create);

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }
}
