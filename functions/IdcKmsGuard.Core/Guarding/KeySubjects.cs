using System.Text.Json;
using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The parts of a key whose changes the guard tells apart, and how a value of each is written: the key's state
/// ("Disabled"), its policy ("policy &lt;SHA-256 of the compact JSON&gt;", so that whitespace is no change) and its rotation
/// ("rotation off"). A rule's violation is about one part; a change is about one part.
/// </summary>
internal static class KeySubjects
{
    public const string State = "state";
    public const string Policy = "policy";
    public const string Rotation = "rotation";

    private static readonly RuleSet StateRules =
        RuleSet.Of(RuleCatalog.KeyEnabled, RuleCatalog.KeyNotPendingDeletion, RuleCatalog.KeyMaterial, RuleCatalog.KeyDeleted);

    private static readonly RuleSet PolicyRules = RuleSet.Of(
        RuleCatalog.KeyPolicyHealthy,
        RuleCatalog.KeyPolicySafe,
        RuleCatalog.AdminAccess,
        RuleCatalog.AppAccess,
        RuleCatalog.ExtraAccess,
        RuleCatalog.ContextScope);

    /// <returns>The part of the key <paramref name="ruleId"/> judges; null for rules about something else (a replica's
    /// existence, refused calls, the guard itself).</returns>
    public static string? OfRule(string ruleId) =>
        StateRules.Contains(ruleId) ? State
        : PolicyRules.Contains(ruleId) ? Policy
        : ruleId == RuleCatalog.KeyRotation.Id ? Rotation
        : null;

    public static string StateValue(KeyState state) => state.ToString();

    public static string RotationValue(bool enabled) => enabled ? "rotation on" : "rotation off";

    public static string PolicyValue(string policyText)
    {
        string compact;
        try
        {
            compact = JsonNode.Parse(policyText)?.ToJsonString() ?? policyText;
        }
        catch (JsonException)
        {
            compact = policyText;
        }

        return $"policy {ChangeEvidence.Sha256(compact)}";
    }

    /// <summary>The change a successful call in <paramref name="guardEvent"/> made to the key (null: none the guard tells
    /// apart, or a refused call, which changed nothing).</summary>
    public static KnownChange? ChangeOf(GuardEvent guardEvent, DateTimeOffset now)
    {
        if (!guardEvent.Succeeded || guardEvent.EventId is not { } eventId)
        {
            return null;
        }

        (string Subject, string LeftAs)? made = guardEvent.Trigger switch
        {
            Trigger.KeyDisabled => (State, StateValue(KeyState.Disabled)),
            Trigger.KeyEnabled => (State, StateValue(KeyState.Enabled)),
            Trigger.KeyDeletionScheduled => (State, StateValue(KeyState.PendingDeletion)),
            Trigger.KeyDeletionCancelled => (State, StateValue(KeyState.Disabled)),
            Trigger.KeyRotationDisabled => (Rotation, RotationValue(enabled: false)),
            Trigger.KeyPolicyChanged when guardEvent.ProposedPolicy is { } policy => (Policy, PolicyValue(policy)),
            _ => null,
        };
        return made is var (subject, leftAs)
            ? new KnownChange(subject, eventId, guardEvent.Actor.Arn ?? "unknown", guardEvent.Actor.SessionIssuerArn, guardEvent.EventTime ?? now, leftAs)
            : null;
    }
}
