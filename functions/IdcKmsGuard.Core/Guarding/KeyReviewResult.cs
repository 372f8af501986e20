using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>What a review of one event decided: quiet, or an alert to draft, with what it judged and looked at.</summary>
internal sealed record KeyReviewResult(Disposition Disposition, string Reason, AlertDraft? Draft)
{
    /// <summary>Identity Center's key switch is still UPDATING: its outcome is not known yet.</summary>
    public bool Updating { get; init; }

    /// <summary>What the review judged, whose incident memory the alert updates; null when the alert is about no single one.</summary>
    public IncidentScope? Scope { get; init; }

    /// <summary>The rules the review looked at, whatever their mode (the findings' rules come with the alert).</summary>
    public RuleSet Considered { get; init; } = RuleSet.Empty;

    /// <summary>Per open finding about a part of the key, the change behind it as the review knew it.</summary>
    public RuleCauses Told { get; init; } = RuleCauses.None;

    /// <summary>Open findings about a part this event changed, whose violation comes from another change: never a repeat.</summary>
    public RuleSet NewsOfItsOwn { get; init; } = RuleSet.Empty;

    public static KeyReviewResult Quiet(Disposition disposition, string reason) => new(disposition, reason, null);
}
