using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The last delivery of an event could not finish (an AWS failure that outlived every retry): the alert says so,
/// with everything the attempts found and changed, so that the event never ends in silence.
/// </summary>
internal static class Unfinished
{
    public static KeyReviewResult Review(GuardEvent guardEvent, ChangeJournal journal, Exception failure)
    {
        var cause = failure switch
        {
            AwsCallException aws => $"{aws.Service} {aws.Operation} failed after retries ({aws.ErrorCode}: {aws.ErrorMessage})",
            OperationCanceledException => "the invocation ran out of time",
            _ => failure.Message,
        };
        var unverified = failure is AwsCallException call ? $"{call.Operation} failed ({call.ErrorCode})" : "the guard stopped before it could re-read";
        var scopes = journal.Journal.Scopes.Where(s => !s.Reported).ToList();
        var subject = scopes.FirstOrDefault()?.Scope ?? guardEvent.KeyRefs.FirstOrDefault(r => KeyArn.TryParse(r, out _)) ?? guardEvent.InstanceArn;
        var scope = KeyArn.TryParse(subject, out var arn) ? State.IncidentScope.ForKey(arn)
            : subject is null ? null
            : State.IncidentScope.ForInstance(subject);
        var key = scope?.Key;
        var changed = scopes.SelectMany(s => s.Changes).ToList();
        var which = journal.IsLastAttempt
            ? $"attempt {journal.Attempt}, the last"
            : $"attempt {journal.Attempt}; it could not journal its progress, so it reports now";
        var finding = KeyStateRules.Violation(
            RuleCatalog.GuardAccess,
            $"The guard could not finish handling {guardEvent.EventName} ({which}): {cause}. "
            + "The key's health is not known for certain: check it now.");
        List<Finding> findings = [finding, .. scopes.SelectMany(s => s.Findings)];
        var primary = findings.OrderByDescending(f => f.Severity).First();
        var whatHappened = $"{AlertComposer.Narrate(guardEvent, key is null ? "a key or instance the guard watches" : $"the key {key}")} "
            + (changed.Count == 0
                ? "The guard changed nothing."
                : $"The guard's attempts sent {changed.Count} change(s), listed below as they came out.");
        var about = (scope is null ? AlertSubject.None : AlertSubject.ForScope(scope)) with { StateBefore = scopes.FirstOrDefault()?.StateBefore };
        var draft = new AlertDraft(guardEvent, about)
        {
            Headline = Headlines.For(primary, AlertOutcome.Failed),
            WhatHappened = whatHappened,
            Outcome = AlertOutcome.Failed,
            Findings = findings,
            Steps = [.. changed.Select(ChangeJournal.ToStep)],
            Verification = new Verification(false, $"Not verified: {unverified}."),
            ExtraNextSteps = [key is null
                ? "Check Identity Center's encryption: aws sso-admin describe-instance."
                : $"Check the key: aws kms describe-key --key-id {key} --region {key.Region}"],
        };
        return new KeyReviewResult(Disposition.Alerted, draft.Headline, draft) { Scope = scope };
    }
}
