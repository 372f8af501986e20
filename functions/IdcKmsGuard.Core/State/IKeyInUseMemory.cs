namespace IdcKmsGuard.Core.State;

/// <summary>The key each instance was last seen ENABLED with; a write never replaces a newer observation.</summary>
public interface IKeyInUseMemory
{
    /// <returns>The key the instance was last seen ENABLED with; null when never seen.</returns>
    Task<KeyInUse?> GetKeyInUseAsync(string instanceArn, CancellationToken cancellationToken);

    Task SaveKeyInUseAsync(KeyInUse keyInUse, CancellationToken cancellationToken);
}
