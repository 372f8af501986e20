namespace IdcKmsGuard.Core.State;

/// <summary>
/// Everything the guard remembers between invocations, one port per concern. The DynamoDB table implements them all
/// (<see cref="Of{TStore}"/>); a test may hand in a different store for one concern.
/// </summary>
public sealed record GuardStores(
    IEventLedger Events,
    IAlertLedger Alerts,
    IKnownGoodPolicies KnownGoodPolicies,
    IIncidentMemory Incidents,
    IKeyInUseMemory KeysInUse,
    IFollowUpEvents FollowUpEvents,
    IConfigurationHistory ConfigurationHistory,
    IKeyUseTallies KeyUseTallies)
{
    /// <summary>No memory at all: see <see cref="StatelessStore"/>.</summary>
    public static GuardStores Stateless { get; } = Of(StatelessStore.Instance);

    public static GuardStores Of<TStore>(TStore store)
        where TStore : IEventLedger, IAlertLedger, IKnownGoodPolicies, IIncidentMemory, IKeyInUseMemory, IFollowUpEvents,
            IConfigurationHistory, IKeyUseTallies =>
        new(store, store, store, store, store, store, store, store);
}
