using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>Who made a change: a person of the history, or the guard's own role.</summary>
internal enum ChangeActor
{
    BreakGlass,
    Developer,
    Operator,
    Guard,
}

/// <summary>
/// A change to the key that CloudTrail records and EventBridge delivers to the guard (some of them late, twice or never).
/// </summary>
/// <param name="Id">The CloudTrail event id.</param>
/// <param name="LeftAs">What the change left the subject as (<see cref="KeyFacts.ValueOf"/>).</param>
/// <param name="EventName">The KMS API call.</param>
internal sealed record KeyChange(string Id, ChangeActor Who, Subject Subject, string LeftAs, DateTimeOffset At, string EventName)
{
    public override string ToString() => $"{EventName} by {Who} at {At:HH:mm} ({Id})";
}

/// <summary>The guard's configuration as a history edits it: one exemption (the break-glass role), rule modes, dry-run.</summary>
internal sealed record ModelConfiguration(bool Exemption, DateTimeOffset? ExemptionUntil, IReadOnlyDictionary<string, RuleMode> Modes, bool DryRun)
{
    public const string BreakGlassPattern = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_BreakGlass_*";

    public static ModelConfiguration Defaults { get; } = new(false, null, new Dictionary<string, RuleMode>(StringComparer.Ordinal), false);

    public RuleMode ModeOf(GuardRule rule) => Modes.GetValueOrDefault(rule.Id, rule.DefaultMode);

    public bool ExemptsBreakGlassAt(DateTimeOffset now) => Exemption && (ExemptionUntil is not { } until || now < until);

    public GuardConfiguration ToGuardConfiguration() => GuardConfiguration.Defaults with
    {
        DryRun = DryRun,
        RuleModes = new Dictionary<string, RuleMode>(Modes, StringComparer.Ordinal),
        PrincipalExemptions = Exemption ? [new PrincipalExemption(BreakGlassPattern, ExemptionUntil, "break-glass drill")] : [],
    };

    public override string ToString() =>
        $"exemption {(Exemption ? ExemptionUntil is { } until ? $"until {until:HH:mm}" : "open-ended" : "none")}, "
        + $"modes [{string.Join(", ", Modes.Select(m => $"{m.Key}={m.Value}"))}], dry-run {DryRun}";
}
