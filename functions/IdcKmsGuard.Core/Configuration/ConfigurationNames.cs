using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>How modes and strategies are spelled in the document.</summary>
public static class ConfigurationNames
{
    public static IReadOnlyList<string> Modes { get; } = ["off", "alert", "remediate"];

    public static IReadOnlyList<string> RepairStrategies { get; } = ["merge-required", "restore-last-known-good"];

    public static string Of(RuleMode mode) => mode switch
    {
        RuleMode.Off => "off",
        RuleMode.Alert => "alert",
        RuleMode.Remediate => "remediate",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static string Of(RepairStrategy strategy) => strategy switch
    {
        RepairStrategy.MergeRequired => "merge-required",
        RepairStrategy.RestoreLastKnownGood => "restore-last-known-good",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };

    public static bool TryParseMode(string text, out RuleMode mode)
    {
        (var known, mode) = text switch
        {
            "off" => (true, RuleMode.Off),
            "alert" => (true, RuleMode.Alert),
            "remediate" => (true, RuleMode.Remediate),
            _ => (false, RuleMode.Alert),
        };
        return known;
    }

    public static bool TryParseRepairStrategy(string text, out RepairStrategy strategy)
    {
        (var known, strategy) = text switch
        {
            "merge-required" => (true, RepairStrategy.MergeRequired),
            "restore-last-known-good" => (true, RepairStrategy.RestoreLastKnownGood),
            _ => (false, RepairStrategy.MergeRequired),
        };
        return known;
    }
}
