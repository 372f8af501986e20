using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>Where an alert stands in its scope's incident, from the scope's memory before and after the alert.</summary>
internal static class IncidentLife
{
    /// <returns>Null when nothing was open before or after: the alert is a moment of its own (<see cref="AlertIncident.ForMoment"/>).</returns>
    public static AlertIncident? Between(IncidentScope scope, IncidentMemory? before, IncidentMemory? after)
    {
        var wasOpen = before is { IsHealthy: false };
        var isOpen = after is { IsHealthy: false };
        if (!wasOpen && !isOpen)
        {
            return null;
        }

        var opened = wasOpen ? before!.OpenedAt : after!.OpenedAt;
        var status = !isOpen ? IncidentStatus.Resolved : wasOpen ? IncidentStatus.Updated : IncidentStatus.Open;
        var counted = isOpen ? after! : before!;
        return new AlertIncident(AlertIds.Incident(scope.Arn, opened), status, opened, Math.Max(0, counted.Sweeps - 1));
    }
}
