namespace IdcKmsGuard.Core.State;

/// <summary>The bursts of refused calls per key (<see cref="KeyUseTally"/>).</summary>
public interface IKeyUseTallies
{
    /// <returns>The key's tally, open or closed; null before its first refusal (or once expired).</returns>
    Task<KeyUseTally?> GetKeyUseTallyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="tally"/> if the stored one still has revision <c>tally.Revision - 1</c> (0: none stored).</summary>
    /// <returns>False when another invocation wrote the key's tally first: nothing was written.</returns>
    Task<bool> SaveKeyUseTallyAsync(KeyUseTally tally, CancellationToken cancellationToken);
}
