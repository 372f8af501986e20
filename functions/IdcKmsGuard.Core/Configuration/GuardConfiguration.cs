using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>
/// What security teams tune without redeploying: one JSON document (schema: infra/config/guard-config.schema.json),
/// kept in an SSM parameter. Rule modes not named keep the catalog's default.
/// </summary>
/// <param name="SuspendTagKey">A key tag whose value is a time (ISO 8601): until then the guard alerts but does not remediate that key.</param>
/// <param name="ApprovedKeys">Key ARNs Identity Center may use; empty: any key that passes the checks.</param>
/// <param name="RequireCustomerManagedKey">A switch to an AWS owned key is a violation (IDC-ENCRYPTION-APPROVED).</param>
/// <param name="RepeatAlertWindow">The same alert (key, rule, outcome) is sent once per window; repeats are counted.</param>
/// <param name="NarrowBlockingDenies">The policy repair may exempt Identity Center from a Deny that blocks it.</param>
/// <param name="ChatbotNotifications">Also publish the AWS Chatbot custom-notification format (Slack, Teams).</param>
public sealed record GuardConfiguration(
    bool DryRun,
    IReadOnlyDictionary<string, RuleMode> RuleModes,
    IReadOnlyList<PrincipalExemption> PrincipalExemptions,
    string SuspendTagKey,
    IReadOnlyList<string> ApprovedKeys,
    bool RequireCustomerManagedKey,
    RepairStrategy RepairStrategy,
    TimeSpan RepeatAlertWindow,
    IReadOnlyList<ExtraRequirement> ExtraRequirements,
    bool NarrowBlockingDenies,
    bool ChatbotNotifications)
{
    public const string DefaultSuspendTagKey = "idckmsguard:suspend-until";

    /// <summary>Safe defaults: every rule in its catalog mode, no exemptions, no dry-run.</summary>
    public static GuardConfiguration Defaults { get; } = new(
        DryRun: false,
        RuleModes: new Dictionary<string, RuleMode>(StringComparer.Ordinal),
        PrincipalExemptions: [],
        SuspendTagKey: DefaultSuspendTagKey,
        ApprovedKeys: [],
        RequireCustomerManagedKey: true,
        RepairStrategy: RepairStrategy.MergeRequired,
        RepeatAlertWindow: TimeSpan.FromHours(1),
        ExtraRequirements: [],
        NarrowBlockingDenies: false,
        ChatbotNotifications: false);

    /// <summary>The sweep re-alerts a violation that persists, unchanged, every this many sweeps (24: daily when hourly).</summary>
    public int SweepRepeatAfter { get; init; } = DefaultSweepRepeatAfter;

    public const int DefaultSweepRepeatAfter = 24;

    /// <summary>Whether Identity Center may use the key: no list approves any key; a replica of an approved multi-Region
    /// key is the same key.</summary>
    public bool Approves(Keys.KeyArn key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ApprovedKeys.Count == 0
            || ApprovedKeys.Any(a => Keys.KeyArn.TryParse(a, out var approved) && approved.KeyId == key.KeyId && approved.Account == key.Account);
    }

    /// <summary>The rule's configured mode, or its catalog default when the document does not name it.</summary>
    /// <exception cref="KeyNotFoundException">No rule has this id.</exception>
    public RuleMode ModeOf(string ruleId) => ModeOf(RuleCatalog.Get(ruleId));

    public RuleMode ModeOf(GuardRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return RuleModes.TryGetValue(rule.Id, out var mode) ? mode : rule.DefaultMode;
    }

    /// <summary>The exemptions in force at <paramref name="now"/> that match the principal.</summary>
    public IEnumerable<PrincipalExemption> ExemptionsFor(string principalArn, DateTimeOffset now) =>
        PrincipalExemptions.Where(exemption => exemption.IsActiveAt(now) && exemption.Matches(principalArn));
}
