using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>The effective configuration for a terminal: the rule table, then every other setting.</summary>
internal static class RulesText
{
    private const int Label = 30;

    public static void Write(TextWriter output, GuardConfiguration c, string origin)
    {
        output.WriteLine($"Configuration: {origin}");
        output.WriteLine();
        output.WriteLine($"{"rule",-26}{"severity",-10}{"mode",-11}{"default",-11}{"remediates",-12}title");
        foreach (var rule in RuleCatalog.All)
        {
            var mode = ConfigurationNames.Of(c.ModeOf(rule));
            output.WriteLine(
                $"{rule.Id,-26}{AlertRenderer.Name(rule.Severity),-10}{mode,-11}"
                + $"{ConfigurationNames.Of(rule.DefaultMode),-11}{(rule.CanRemediate ? "yes" : "no"),-12}{rule.Title}");
        }

        output.WriteLine();
        Setting(output, "dry run", YesNo(c.DryRun));
        Setting(output, "approved keys", c.ApprovedKeys, "any key that passes the checks");
        Setting(output, "require customer managed key", YesNo(c.RequireCustomerManagedKey));
        Setting(output, "repair strategy", ConfigurationNames.Of(c.RepairStrategy));
        Setting(output, "repeat alert window", $"{c.RepeatAlertWindow.TotalMinutes:0} minutes");
        Setting(output, "sweep repeats a standing violation", $"every {c.SweepRepeatAfter} sweeps");
        Setting(output, "narrow blocking denies", YesNo(c.NarrowBlockingDenies));
        Setting(output, "chatbot notifications", YesNo(c.ChatbotNotifications));
        Setting(output, "suspend tag key", c.SuspendTagKey);
        Setting(output, "principal exemptions", [.. c.PrincipalExemptions.Select(Describe)], "none");
        Setting(output, "extra requirements", [.. c.ExtraRequirements.Select(Describe)], "none");
    }

    private static string Describe(PrincipalExemption e) =>
        e.ArnPattern
        + (e.Until is { } until ? $" until {ConfigurationWriter.FormatTime(until)}" : string.Empty)
        + (e.Reason is { } reason ? $" ({reason})" : string.Empty);

    private static string Describe(ExtraRequirement r) =>
        $"{r.Name}: {r.Principal} {r.Action}"
        + string.Concat(r.Context.Select(kv => $" {kv.Key}={string.Join("|", kv.Value)}"));

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static void Setting(TextWriter output, string label, string value) => output.WriteLine($"{label,-Label}{value}");

    private static void Setting(TextWriter output, string label, IReadOnlyList<string> values, string none)
    {
        Setting(output, label, values.Count == 0 ? none : values[0]);
        foreach (var value in values.Skip(1))
        {
            Setting(output, string.Empty, value);
        }
    }
}
