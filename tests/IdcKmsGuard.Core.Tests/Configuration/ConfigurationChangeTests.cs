using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationChangeTests
{
    private static readonly GuardConfiguration Defaults = GuardConfiguration.Defaults;

    [Fact]
    public void Between_WhenNothingDiffers_ShouldBeEmpty()
    {
        Assert.True(ConfigurationChange.Between(Defaults, Defaults with { }).IsEmpty);
    }

    // Each of these makes the guard leave more alone: whoever may write the parameter could use it to blind the guard.
    public static TheoryData<string, GuardConfiguration> Widening => new()
    {
        { "rule KEY-ENABLED: remediate -> alert", Defaults with { RuleModes = new Dictionary<string, RuleMode>(StringComparer.Ordinal) { ["KEY-ENABLED"] = RuleMode.Alert } } },
        { "rule KEY-POLICY-SAFE: alert -> off", Defaults with { RuleModes = new Dictionary<string, RuleMode>(StringComparer.Ordinal) { ["KEY-POLICY-SAFE"] = RuleMode.Off } } },
        { "dry run: off -> on", Defaults with { DryRun = true } },
        { "+ exemption arn:aws:iam::111122223333:role/BreakGlass (until no end: drill)", Defaults with { PrincipalExemptions = [new PrincipalExemption("arn:aws:iam::111122223333:role/BreakGlass", null, "drill")] } },
        { "+ approved key arn:aws:kms:us-east-1:111122223333:key/mrk-1", Defaults with { ApprovedKeys = ["arn:aws:kms:us-east-1:111122223333:key/mrk-1"] } },
        { "require a customer managed key: on -> off", Defaults with { RequireCustomerManagedKey = false } },
        { "suspend tag: idckmsguard:suspend-until -> my:tag", Defaults with { SuspendTagKey = "my:tag" } },
    };

    [Theory]
    [MemberData(nameof(Widening))]
    public void Between_WhenTheGuardLeavesMoreAlone_ShouldSayItWidens(string line, GuardConfiguration after)
    {
        var change = ConfigurationChange.Between(Defaults, after);

        Assert.Equal([line], change.Lines);
        Assert.True(change.Widens);
    }

    [Fact]
    public void Between_WhenTheGuardDoesMore_ShouldReportWithoutWidening()
    {
        var before = Defaults with { DryRun = true, PrincipalExemptions = [new PrincipalExemption("arn:aws:iam::111122223333:role/BreakGlass", null, null)] };

        var change = ConfigurationChange.Between(before, Defaults with { RuleModes = new Dictionary<string, RuleMode>(StringComparer.Ordinal) { ["IDC-ENCRYPTION-APPROVED"] = RuleMode.Remediate } });

        Assert.Equal(["rule IDC-ENCRYPTION-APPROVED: alert -> remediate", "dry run: on -> off", "- exemption arn:aws:iam::111122223333:role/BreakGlass (until no end)"], change.Lines);
        Assert.False(change.Widens);
    }

    [Fact]
    public void Between_WhenAnExemptionIsExtended_ShouldWiden()
    {
        var until = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var before = Defaults with { PrincipalExemptions = [new PrincipalExemption("arn:aws:iam::111122223333:role/BreakGlass", until, null)] };
        var after = Defaults with { PrincipalExemptions = [new PrincipalExemption("arn:aws:iam::111122223333:role/BreakGlass", until.AddDays(30), null)] };

        var change = ConfigurationChange.Between(before, after);

        Assert.Equal(["~ exemption arn:aws:iam::111122223333:role/BreakGlass: until 2026-12-01 00:00 UTC -> until 2026-12-31 00:00 UTC"], change.Widening);
    }
}
