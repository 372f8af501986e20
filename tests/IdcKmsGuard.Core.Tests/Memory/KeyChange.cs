using System.Globalization;
using System.Text.Json.Nodes;
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
    /// <summary>The break-glass role of <paramref name="account"/>, as an exemption names it.</summary>
    public static string BreakGlassPattern(string account) => $"arn:aws:iam::{account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_BreakGlass_*";

    public static ModelConfiguration Defaults { get; } = new(false, null, new Dictionary<string, RuleMode>(StringComparer.Ordinal), false);

    public RuleMode ModeOf(GuardRule rule) => Modes.GetValueOrDefault(rule.Id, rule.DefaultMode);

    public bool ExemptsBreakGlassAt(DateTimeOffset now) => Exemption && (ExemptionUntil is not { } until || now < until);

    /// <summary>Nothing differs from what the guard does without a document.</summary>
    public bool IsDefault => !Exemption && !DryRun && KeyFacts.Rules.All(rule => ModeOf(rule) == rule.DefaultMode);

    public ModelConfiguration Edited(ConfigurationEdit edit, GuardRule rule, DateTimeOffset now) => edit switch
    {
        ConfigurationEdit.AddExemption => this with { Exemption = true, ExemptionUntil = null },
        ConfigurationEdit.AddExpiringExemption => this with { Exemption = true, ExemptionUntil = WholeSeconds(now.AddMinutes(90)) },
        ConfigurationEdit.RemoveExemption => this with { Exemption = false, ExemptionUntil = null },
        ConfigurationEdit.RuleToRemediate => this with { Modes = With(rule, RuleMode.Remediate) },
        ConfigurationEdit.RuleToAlert => this with { Modes = With(rule, RuleMode.Alert) },
        // A document that switches off a rule guarding sign-in is refused: the lowest a history can set it to is alert.
        ConfigurationEdit.RuleOff => this with { Modes = With(rule, RuleCatalog.AlwaysChecked.Contains(rule.Id) ? RuleMode.Alert : RuleMode.Off) },
        ConfigurationEdit.DryRunOn => this with { DryRun = true },
        _ => this with { DryRun = false },
    };

    /// <summary>The configuration as the document a security team of <paramref name="account"/> would put in the parameter.</summary>
    public string ToDocument(string account)
    {
        var document = new JsonObject { ["version"] = 1 };
        if (DryRun)
        {
            document["dryRun"] = true;
        }

        if (Modes.Count > 0)
        {
            document["rules"] = new JsonObject(Modes.OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value.ToString().ToLowerInvariant())));
        }

        if (Exemption)
        {
            var principal = new JsonObject { ["arnPattern"] = BreakGlassPattern(account), ["reason"] = "break-glass drill" };
            if (ExemptionUntil is { } until)
            {
                principal["until"] = until.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }

            document["exemptions"] = new JsonObject { ["principals"] = new JsonArray(principal) };
        }

        return document.ToJsonString();
    }

    public override string ToString() =>
        $"exemption {(Exemption ? ExemptionUntil is { } until ? $"until {until:HH:mm}" : "open-ended" : "none")}, "
        + $"modes [{string.Join(", ", Modes.Select(m => $"{m.Key}={m.Value}"))}], dry-run {DryRun}";

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private Dictionary<string, RuleMode> With(GuardRule rule, RuleMode mode) => new(Modes, StringComparer.Ordinal) { [rule.Id] = mode };
}
