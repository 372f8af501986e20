using System.Globalization;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>
/// What a new configuration changes, line by line, and whether it widens what the guard leaves alone (a rule moved
/// towards off, dry run on, a new or longer exemption, a new approved key, an AWS owned key accepted, another
/// suspend tag): whoever may write the parameter can steer the guard, so every such change is reported high.
/// </summary>
public sealed record ConfigurationChange(IReadOnlyList<string> Lines, IReadOnlyList<string> Widening)
{
    public bool IsEmpty => Lines.Count == 0;

    public bool Widens => Widening.Count > 0;

    public static ConfigurationChange Between(GuardConfiguration before, GuardConfiguration after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        var widening = new List<string>();

        void Note(string line, bool widens)
        {
            lines.Add(line);
            if (widens)
            {
                widening.Add(line);
            }
        }

        foreach (var rule in RuleCatalog.All)
        {
            var (was, now) = (before.ModeOf(rule), after.ModeOf(rule));
            if (was != now)
            {
                Note($"rule {rule.Id}: {ConfigurationNames.Of(was)} -> {ConfigurationNames.Of(now)}", Strength(now) < Strength(was));
            }
        }

        if (before.DryRun != after.DryRun)
        {
            Note($"dry run: {OnOff(before.DryRun)} -> {OnOff(after.DryRun)}", after.DryRun);
        }

        foreach (var exemption in after.PrincipalExemptions.Where(e => !before.PrincipalExemptions.Any(b => b.ArnPattern == e.ArnPattern)))
        {
            Note($"+ exemption {Describe(exemption)}", widens: true);
        }

        foreach (var exemption in before.PrincipalExemptions.Where(e => !after.PrincipalExemptions.Any(a => a.ArnPattern == e.ArnPattern)))
        {
            Note($"- exemption {Describe(exemption)}", widens: false);
        }

        var kept = before.PrincipalExemptions.Join(after.PrincipalExemptions, e => e.ArnPattern, e => e.ArnPattern, (b, a) => (b, a), StringComparer.Ordinal);
        foreach (var (was, now) in kept.Where(p => p.b.Until != p.a.Until))
        {
            Note($"~ exemption {now.ArnPattern}: until {Until(was.Until)} -> until {Until(now.Until)}", Later(now.Until, was.Until));
        }

        foreach (var key in after.ApprovedKeys.Except(before.ApprovedKeys, StringComparer.Ordinal))
        {
            Note($"+ approved key {key}", widens: true);
        }

        foreach (var key in before.ApprovedKeys.Except(after.ApprovedKeys, StringComparer.Ordinal))
        {
            // Emptying the list approves every key that passes the checks.
            Note($"- approved key {key}", widens: after.ApprovedKeys.Count == 0);
        }

        if (before.RequireCustomerManagedKey != after.RequireCustomerManagedKey)
        {
            Note(
                $"require a customer managed key: {OnOff(before.RequireCustomerManagedKey)} -> {OnOff(after.RequireCustomerManagedKey)}",
                !after.RequireCustomerManagedKey);
        }

        if (before.SuspendTagKey != after.SuspendTagKey)
        {
            Note($"suspend tag: {before.SuspendTagKey} -> {after.SuspendTagKey}", widens: true);
        }

        if (before.RepairStrategy != after.RepairStrategy)
        {
            Note($"repair strategy: {ConfigurationNames.Of(before.RepairStrategy)} -> {ConfigurationNames.Of(after.RepairStrategy)}", widens: false);
        }

        if (before.NarrowBlockingDenies != after.NarrowBlockingDenies)
        {
            Note($"narrow blocking denies: {OnOff(before.NarrowBlockingDenies)} -> {OnOff(after.NarrowBlockingDenies)}", widens: false);
        }

        var (requiredBefore, requiredAfter) = (before.ExtraRequirements.Select(r => r.Name), after.ExtraRequirements.Select(r => r.Name));
        foreach (var name in requiredBefore.Except(requiredAfter, StringComparer.Ordinal))
        {
            Note($"- extra requirement {name}", widens: true);
        }

        foreach (var name in requiredAfter.Except(requiredBefore, StringComparer.Ordinal))
        {
            Note($"+ extra requirement {name}", widens: false);
        }

        if ((before.RepeatAlertWindow, before.SweepRepeatAfter, before.ChatbotNotifications)
            != (after.RepeatAlertWindow, after.SweepRepeatAfter, after.ChatbotNotifications))
        {
            Note(
                $"alerting: repeat window {before.RepeatAlertWindow.TotalMinutes:0} -> {after.RepeatAlertWindow.TotalMinutes:0} min, "
                + $"sweep repeat every {before.SweepRepeatAfter} -> {after.SweepRepeatAfter}, "
                + $"chatbot {OnOff(before.ChatbotNotifications)} -> {OnOff(after.ChatbotNotifications)}",
                widens: false);
        }

        return new ConfigurationChange(lines, widening);
    }

    // Remediate does most, off least: moving down the scale leaves more alone.
    private static int Strength(RuleMode mode) => mode switch
    {
        RuleMode.Remediate => 2,
        RuleMode.Alert => 1,
        _ => 0,
    };

    private static string OnOff(bool value) => value ? "on" : "off";

    private static string Until(DateTimeOffset? until) => until is { } end ? end.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "no end";

    private static bool Later(DateTimeOffset? now, DateTimeOffset? was) => (now, was) switch
    {
        (null, not null) => true,
        ({ } a, { } b) => a > b,
        _ => false,
    };

    private static string Describe(PrincipalExemption exemption) =>
        $"{exemption.ArnPattern} (until {Until(exemption.Until)}{(exemption.Reason is null ? string.Empty : $": {exemption.Reason}")})";
}
