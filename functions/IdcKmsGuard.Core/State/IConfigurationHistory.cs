namespace IdcKmsGuard.Core.State;

/// <summary>Which configuration version the guard announced last, per source (one state-table item each).</summary>
public interface IConfigurationHistory
{
    Task<AnnouncedConfiguration?> LastAnnouncedAsync(string source, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="announced"/> unless a later version is kept already.</summary>
    Task SaveAnnouncedAsync(AnnouncedConfiguration announced, CancellationToken cancellationToken);
}
