using System.Text.Json;
using IdcKmsGuard.Core.Rules;
using static IdcKmsGuard.Core.Configuration.ConfigurationJson;

namespace IdcKmsGuard.Core.Configuration;

public static partial class ConfigurationParser
{
    private static Dictionary<string, RuleMode> ReadRules(JsonElement element)
    {
        var modes = new Dictionary<string, RuleMode>(StringComparer.Ordinal);
        foreach (var (id, value) in Members(element, "rules", known: null))
        {
            var location = Child("rules", id);
            if (!RuleCatalog.TryGet(id, out var rule))
            {
                var near = RuleCatalog.All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
                throw new ConfigurationException(location, near is not null
                    ? $"unknown rule; rule ids are upper case: {near.Id}"
                    : NearestName.Of(id, RuleCatalog.All.Select(r => r.Id)) is { } typo
                        ? $"unknown rule; did you mean {typo}? (`idckmsguard rules show` lists the rules)"
                        : "unknown rule; `idckmsguard rules show` lists the rules");
            }

            var text = String(value, location, 16);
            if (!ConfigurationNames.TryParseMode(text, out var mode))
            {
                throw new ConfigurationException(
                    location, $"'{text}' is not one of: {string.Join(", ", ConfigurationNames.Modes)}{NearestName.Hint(text, ConfigurationNames.Modes)}");
            }

            if (mode == RuleMode.Off && RuleCatalog.AlwaysChecked.Contains(id))
            {
                throw new ConfigurationException(
                    location, "this rule cannot be off: without it a broken key or a change to the guard passes unreported; the lowest mode is alert");
            }

            if (mode == RuleMode.Remediate && !rule.CanRemediate)
            {
                throw new ConfigurationException(location, "this rule only alerts: it has no remediation; use off or alert");
            }

            modes[id] = mode;
        }

        return modes;
    }
}
