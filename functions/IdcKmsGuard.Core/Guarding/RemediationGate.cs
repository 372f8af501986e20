using System.Globalization;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The one place that decides whether a violation may be remediated: the deployment's switch, the rule's mode,
/// dry-run, a principal exemption, a suspend tag on the key. Tags are read only when everything else allows it, and
/// a key whose tags cannot be read is not changed (its suspension is unknown): the alert says why.
/// </summary>
internal sealed class RemediationGate(IKeyStore keys, GuardOptions options, GuardConfiguration configuration, GuardEvent guardEvent, TimeProvider time, ChangeJournal changes)
{
    private readonly Dictionary<KeyArn, IReadOnlyDictionary<string, string>> tags = [];

    public GuardConfiguration Configuration => configuration;

    /// <summary>Where every change this invocation makes is journaled and sent.</summary>
    public ChangeJournal Changes => changes;

    /// <summary>Set when nothing may be changed for a reason outside the rules: why (an unreadable configuration, a
    /// late report of an interrupted attempt).</summary>
    public string? HeldBack { get; init; }

    public RuleMode ModeOf(GuardRule rule) => configuration.ModeOf(rule);

    public bool IsOn(GuardRule rule) => ModeOf(rule) != RuleMode.Off;

    public async Task<GateDecision> DecideAsync(GuardRule rule, KeyArn key, string wouldDo, CancellationToken cancellationToken)
    {
        if (Precheck(rule) is { } refused)
        {
            return refused;
        }

        if (Exemption() is { } exemption)
        {
            var until = exemption.Until is { } end ? $" until {end:yyyy-MM-dd HH:mm} UTC" : string.Empty;
            return GateDecision.Skip(AlertOutcome.Exempt, $"Not done: {guardEvent.Actor.Arn} is exempt ({exemption.ArnPattern}{until}{(exemption.Reason is null ? string.Empty : $": {exemption.Reason}")}). Would have: {wouldDo}.");
        }

        if (configuration.DryRun)
        {
            return GateDecision.Skip(AlertOutcome.DryRun, $"Dry run: would have {wouldDo}.");
        }

        IReadOnlyDictionary<string, string> keyTags;
        try
        {
            keyTags = await TagsAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e)
        {
            if (e.IsTransient)
            {
                changes.NoteTransient($"{e.Operation} on {key}: {e.ErrorCode}");
            }

            var why = $"the guard could not read the key's tags ({e.Operation}: {e.ErrorCode}: {e.ErrorMessage}), so it cannot tell whether the key is suspended from remediation ({configuration.SuspendTagKey})";
            return GateDecision.Skip(AlertOutcome.Alerted, $"Not done: {why}. Would have: {wouldDo}.") with
            {
                Finding = KeyStateRules.Violation(RuleCatalog.GuardAccess, e.IsAccessDenied
                    ? $"The guard may not read the tags of {key} ({e.ErrorCode}): it changes nothing on a key whose suspension it cannot check. Grant it kms:ListResourceTags on the key."
                    : $"Reading the tags of {key} failed after retries ({e.ErrorCode}: {e.ErrorMessage}); the remediation waits for the next attempt."),
            };
        }

        if (SuspendedUntil(keyTags) is { } suspended)
        {
            return GateDecision.Skip(AlertOutcome.Exempt, $"Not done: the key is suspended from remediation by its tag {configuration.SuspendTagKey} until {suspended:yyyy-MM-dd HH:mm} UTC. Would have: {wouldDo}.");
        }

        return GateDecision.Allow;
    }

    /// <summary>What holds a remediation back before anything is read: the deployment, the rule's mode, the guard's own change.</summary>
    public GateDecision? Precheck(GuardRule rule)
    {
        if (HeldBack is { } why)
        {
            return GateDecision.Skip(AlertOutcome.Alerted, $"Not done: {why}");
        }

        if (!options.RemediationEnabled)
        {
            return GateDecision.Skip(AlertOutcome.Alerted, "Not done: remediation is off for this deployment (RemediationMode=alert).");
        }

        if (ModeOf(rule) != RuleMode.Remediate)
        {
            return GateDecision.Skip(AlertOutcome.Alerted, $"Not done: rule {rule.Id} is in mode '{ModeOf(rule).ToString().ToLowerInvariant()}'.");
        }

        return options.IsGuard(guardEvent.Actor)
            ? GateDecision.Skip(AlertOutcome.Alerted, "Not done: the change was the guard's own; it is verified, never repeated.")
            : null;
    }

    // An assumed role matches by its session ARN or by the role behind it.
    private PrincipalExemption? Exemption()
    {
        var now = time.GetUtcNow();
        return new[] { guardEvent.Actor.Arn, guardEvent.Actor.SessionIssuerArn }
            .OfType<string>()
            .SelectMany(arn => configuration.ExemptionsFor(arn, now))
            .FirstOrDefault();
    }

    // Per key: in a sweep, a replica's tag must never decide for the primary, nor the other way round.
    private async Task<IReadOnlyDictionary<string, string>> TagsAsync(KeyArn key, CancellationToken cancellationToken)
    {
        if (!tags.TryGetValue(key, out var keyTags))
        {
            keyTags = await keys.GetTagsAsync(key, cancellationToken).ConfigureAwait(false);
            tags[key] = keyTags;
        }

        return keyTags;
    }

    private DateTimeOffset? SuspendedUntil(IReadOnlyDictionary<string, string> keyTags)
    {
        return keyTags.TryGetValue(configuration.SuspendTagKey, out var value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
            && until > time.GetUtcNow()
                ? until
                : null;
    }
}
