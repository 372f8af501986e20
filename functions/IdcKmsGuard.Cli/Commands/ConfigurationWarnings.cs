using System.Globalization;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// Settings the guard accepts that leave Identity Center less protected than its defaults, each said in one line so
/// that whoever writes the document knows what they switched off: a high or critical rule off, dry run, an exemption
/// without end or reason, one that has already ended, AWS owned keys accepted.
/// </summary>
internal static class ConfigurationWarnings
{
    public static IReadOnlyList<string> Of(GuardConfiguration configuration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var warnings = new List<string>();
        foreach (var (ruleId, mode) in configuration.RuleModes.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var rule = RuleCatalog.Get(ruleId);
            if (mode == RuleMode.Off && rule.Severity >= Severity.High)
            {
                warnings.Add($"rules.{ruleId}: off: the guard neither reports nor repairs a {AlertRenderer.Name(rule.Severity)} violation ({rule.Title}).");
            }
        }

        if (configuration.DryRun)
        {
            warnings.Add("dryRun: true: the guard changes nothing, it only says what it would have done.");
        }

        for (var i = 0; i < configuration.PrincipalExemptions.Count; i++)
        {
            warnings.AddRange(Exemption(configuration.PrincipalExemptions[i], $"exemptions.principals[{i}]", now));
        }

        if (!configuration.RequireCustomerManagedKey)
        {
            warnings.Add("requireCustomerManagedKey: false: a switch of Identity Center to an AWS owned key is accepted without a word.");
        }

        return warnings;
    }

    private static IEnumerable<string> Exemption(PrincipalExemption exemption, string location, DateTimeOffset now)
    {
        // A pattern that matches everybody is refused by the parser (a name of wildcards only), so it is not warned of here.
        var pattern = exemption.ArnPattern;
        if (exemption.Until is { } until && until <= now)
        {
            yield return $"{location}: ended {until.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}; it exempts nothing now: remove it.";
        }

        if (exemption.Until is null && string.IsNullOrWhiteSpace(exemption.Reason))
        {
            yield return $"{location}: '{pattern}' is exempt for ever and no reason says why: give a reason, or an until.";
        }
    }
}
