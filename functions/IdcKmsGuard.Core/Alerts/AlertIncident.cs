namespace IdcKmsGuard.Core.Alerts;

/// <summary>Where an alert stands in the life of the incident it belongs to.</summary>
public enum IncidentStatus
{
    /// <summary>The first alert of a violation on a key, replica or instance that was healthy.</summary>
    Open,

    /// <summary>More about an incident already open: other rules, another cause, a repeat, a partial fix.</summary>
    Updated,

    /// <summary>Nothing stays open: the incident ends (or the alert opened and ended it at once, e.g. the guard fixed it).</summary>
    Resolved,
}

/// <summary>
/// The standing violation an alert is about: the same <see cref="Id"/> from the alert that opens it, through every
/// update and repeat, to the notice that resolves it, so a pager can de-duplicate and close it on its own.
/// </summary>
/// <param name="Id">32 hex digits: the scope (key, replica or instance) and when its incident opened.</param>
/// <param name="OpenedAt">When the incident opened (for one that opened and ended in this alert: when it was seen).</param>
/// <param name="Repeats">Looks that found it unchanged and told nobody since the last change: alerts held back as
/// repeats and sweeps that found the same.</param>
public sealed record AlertIncident(string Id, IncidentStatus Status, DateTimeOffset OpenedAt, int Repeats)
{
    public static string Name(IncidentStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>
    /// The incident of an alert that leaves nothing open to remember (the guard fixed it, a refused attempt, a notice
    /// about the guard): its own, named after the alert, open while a person must act and resolved at once otherwise.
    /// </summary>
    public static AlertIncident ForMoment(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var id = alert.AlertId ?? Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{alert.Headline}\n{alert.DetectedAt:O}")))[..32];
        return new(id, AlertRouting.ActionRequired(alert) ? IncidentStatus.Open : IncidentStatus.Resolved, alert.DetectedAt, 0);
    }
}
