namespace IdcKmsGuard.Aws.State;

/// <summary>
/// The one state table: partition key <c>pk</c> (S), no sort key, TTL on <c>expiresAt</c> (N, epoch seconds).
/// Items: <c>event#&lt;eventId&gt;</c> (claims, with the journal of an unfinished event), <c>policy#&lt;keyArn&gt;</c>
/// (last known good policy, no TTL), <c>alert#&lt;alertKey&gt;</c> (repeat suppression), <c>sweep#&lt;scope&gt;</c>
/// (what the last review found and the change people were told is behind it, the events unfinished on the scope, and a
/// key's memory of changes and sightings: <see cref="KeyMemoryAttributes"/>; no TTL), <c>inuse#&lt;instanceArn&gt;</c> (the
/// key last seen ENABLED, no TTL),
/// <c>followup#&lt;eventId&gt;</c> (the event a follow-up message names; TTL a day), <c>config#&lt;source&gt;</c> (the
/// configuration version last announced, no TTL), <c>keyuse#&lt;keyId&gt;</c> (the burst of refused calls of Identity Center
/// to a key; TTL a month after its last write).
/// Other times are epoch milliseconds (N). The sparse index <see cref="UnfinishedIndex"/> (hash key
/// <c>outboxScope</c>, keys only) holds exactly the events whose journal is not finished, for the sweep; an event's
/// review reads the same from the <c>unfinished</c> set (SS) on <c>sweep#&lt;scope&gt;</c>, written in the journal's
/// own transactions, together with the scope's incident memory.
/// </summary>
internal static class StateTable
{
    public const string Pk = "pk";
    public const string ExpiresAt = "expiresAt";

    public const string EventPrefix = "event#";
    public const string Status = "status";
    public const string Processing = "processing";
    public const string Done = "done";
    public const string Released = "released";
    public const string Attempts = "attempts";
    public const string Journal = "journal";
    public const string OutboxScope = "outboxScope";
    public const string UnfinishedIndex = "unfinished";
    public const string LeaseUntil = "leaseUntil";
    public const string ClaimedAt = "claimedAt";
    public const string CompletedAt = "completedAt";
    public const string ClaimToken = "claimToken";

    public const string PolicyPrefix = "policy#";
    public const string KeyArn = "keyArn";
    public const string Policy = "policy";
    public const string Sha256 = "sha256";
    public const string ObservedAt = "observedAt";
    public const string Actor = "actor";

    public const string AlertPrefix = "alert#";
    public const string LastSentAt = "lastSentAt";
    public const string Suppressed = "suppressed";
    public const string FirstSuppressedAt = "firstSuppressedAt";
    public const string PreviousSentAt = "previousSentAt";

    public const string KeyInUsePrefix = "inuse#";
    public const string SeenAt = "seenAt";


    public const string FollowUpPrefix = "followup#";
    public const string Event = "event";

    public const string ConfigurationPrefix = "config#";
    public const string Version = "version";
    public const string VersionNumber = "versionNumber";
    public const string ModifiedAt = "modifiedAt";
    public const string DocumentText = "text";

    public const string KeyUsePrefix = "keyuse#";
    public const string OpenedAt = "openedAt";
    public const string LastFailureAt = "lastFailureAt";
    public const string Failures = "failures";
    public const string AlertCount = "alerts";
    public const string Actions = "actions";
    public const string ErrorCodes = "errorCodes";
    public const string Regions = "regions";
    public const string Contexts = "contexts";
    public const string Revision = "revision";
    public const string ClosedAt = "closedAt";

    public const string SweepPrefix = "sweep#";
    public const string Fingerprint = "fingerprint";
    public const string Sweeps = "sweeps";
    public const string Since = "since";
    public const string Opened = "opened";
    public const string Told = "told";
    public const string Unfinished = "unfinished";
}
