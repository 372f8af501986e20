namespace IdcKmsGuard.Core.State;

/// <summary>The guard's memory of exempt changes, per key and rule (one item each in the state table).</summary>
public interface IExemptChanges
{
    /// <summary>Keeps the change, replacing an earlier one for the same key and rule.</summary>
    Task RememberExemptChangeAsync(ExemptChange change, CancellationToken cancellationToken);

    Task<ExemptChange?> FindExemptChangeAsync(string keyArn, string ruleId, CancellationToken cancellationToken);
}
