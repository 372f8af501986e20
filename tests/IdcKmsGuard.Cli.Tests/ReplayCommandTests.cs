using System.Text.Json;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

/// <summary>`replay` against a seeded stand-in, through the same guard code the function runs.</summary>
public sealed class ReplayCommandTests
{
    private static readonly string[] Statuses = ["ok", "violated", "skipped"];
    private static readonly string[] Outcomes = ["none", "fixed", "failed", "alerted", "dry-run", "exempt"];

    [Fact]
    public void Replay_WhenGivenEveryProjectEvent_ShouldPrintTheDocumentedObjectForEach()
    {
        var (account, seeded) = Seed();
        var files = Directory.GetFiles(RepoPaths.Events, "*.json").Order(StringComparer.Ordinal).ToArray();

        var run = CliRun.With(Services(account), ["replay", .. files, "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--region", account.Region, "--state-table", seeded.StateTable, "--json"]);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var document = JsonDocument.Parse(run.Output);
        var entries = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(files.Length, entries.Count);
        foreach (var entry in entries)
        {
            Assert.Equal(["file", "eventId", "trigger", "disposition", "reason", "rules", "actions", "alert", "error"], entry.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("error").ValueKind);
            Assert.All(entry.GetProperty("rules").EnumerateArray(), rule =>
            {
                Assert.Equal(["id", "severity", "status", "outcome"], rule.EnumerateObject().Select(p => p.Name));
                Assert.Contains(rule.GetProperty("status").GetString(), Statuses);
                Assert.Contains(rule.GetProperty("outcome").GetString(), Outcomes);
            });
            Assert.True(entry.GetProperty("alert").ValueKind is JsonValueKind.Null or JsonValueKind.Object);
        }
    }

    [Fact]
    public async Task Replay_WhenDryRun_ShouldPlanTheFixAndChangeNothing()
    {
        var (account, seeded) = Seed();
        using var kms = Kms(account);
        await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = seeded.KeyArn });

        var run = CliRun.With(Services(account), "replay", EventFor(seeded, "kms-disable-key.json"), "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--region", account.Region, "--topic-arn", seeded.TopicArn, "--dry-run", "--json");

        using var document = JsonDocument.Parse(run.Output);
        var entry = document.RootElement[0];
        var rule = entry.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "KEY-ENABLED");
        Assert.Equal(("violated", "dry-run"), (rule.GetProperty("status").GetString(), rule.GetProperty("outcome").GetString()));
        Assert.StartsWith("Dry run: would have enabled the key", entry.GetProperty("actions")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(entry.GetProperty("alert").GetProperty("published").GetBoolean());
        Assert.Equal("Disabled", (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = seeded.KeyArn })).KeyMetadata.KeyState.Value);
    }

    // A dead-lettered event may be old or forged: replaying one changes nothing unless the operator says --apply.
    [Fact]
    public async Task Replay_WithoutApply_ShouldBeADryRunThatPublishesNothing()
    {
        var (account, seeded) = Seed();
        using var kms = Kms(account);
        await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = seeded.KeyArn });

        var run = CliRun.With(Services(account), "replay", EventFor(seeded, "kms-disable-key.json"), "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--region", account.Region, "--topic-arn", seeded.TopicArn, "--json");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var document = JsonDocument.Parse(run.Output);
        Assert.StartsWith("Dry run: would have enabled the key", document.RootElement[0].GetProperty("actions")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(document.RootElement[0].GetProperty("alert").GetProperty("published").GetBoolean());
        Assert.Equal("Disabled", (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = seeded.KeyArn })).KeyMetadata.KeyState.Value);
    }

    [Fact]
    public void Replay_WithApplyAndDryRun_ShouldRefuseBeforeAnyCall()
    {
        var run = CliRun.With(new CliServices(() => throw new InvalidOperationException("no AWS call expected"), _ => null), "replay", "event.json", "--apply", "--dry-run");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("give --apply or --dry-run, not both.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_WhenLive_ShouldFixTheKeyAndPublishTheAlert()
    {
        var (account, seeded) = Seed();
        using var kms = Kms(account);
        await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = seeded.KeyArn });

        var run = CliRun.With(Services(account), "replay", EventFor(seeded, "kms-disable-key.json"), "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--region", account.Region, "--topic-arn", seeded.TopicArn, "--apply");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("KEY-ENABLED violated -> fixed", run.Output, StringComparison.Ordinal);
        Assert.Contains("published as ", run.Output, StringComparison.Ordinal);
        Assert.Equal("Enabled", (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = seeded.KeyArn })).KeyMetadata.KeyState.Value);
    }

    // AWS refused Identity Center while the key was disabled: the replay re-reads the key, re-enables it, and lists
    // KEY-USE-FAILING among the rules it judged.
    [Fact]
    public async Task Replay_WhenKmsRefusedIdentityCenterOnADisabledKey_ShouldReEnableItAndReportKeyUseFailing()
    {
        var (account, seeded) = Seed();
        using var kms = Kms(account);
        await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = seeded.KeyArn });

        var run = CliRun.With(Services(account), "replay", EventFor(seeded, "kms-decrypt-by-identity-center-failed.json"), "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--region", account.Region, "--topic-arn", seeded.TopicArn, "--apply", "--json");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var document = JsonDocument.Parse(run.Output);
        var entry = document.RootElement[0];
        Assert.Equal("KeyUseFailed", entry.GetProperty("trigger").GetString());
        var rules = entry.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("violated", rules["KEY-USE-FAILING"]);
        Assert.Equal("violated", rules["KEY-ENABLED"]);
        Assert.Equal("Enabled", (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = seeded.KeyArn })).KeyMetadata.KeyState.Value);
        Assert.True(entry.GetProperty("alert").GetProperty("published").GetBoolean());
        Assert.Contains(entry.GetProperty("alert").GetProperty("document").GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "KEY-USE-FAILING");
    }

    // The project's events rewritten to the seeded key, instance and account, so that the guard really judges
    // each one; a dry run, so that every event meets the same healthy key.
    [Fact]
    public void Replay_WhenEveryProjectEventConcernsTheSeededKey_ShouldJudgeEachAsDocumented()
    {
        var (account, seeded) = Seed();
        var files = Directory.GetFiles(RepoPaths.Events, "*.json").Order(StringComparer.Ordinal).ToArray();
        var rewritten = files.Select(f => EventFor(seeded, Path.GetFileName(f))).ToArray();

        var run = CliRun.With(Services(account), ["replay", .. rewritten, "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--region", account.Region, "--dry-run", "--json"]);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var document = JsonDocument.Parse(run.Output);
        var outcomes = document.RootElement.EnumerateArray()
            .Select((entry, i) => (File: Path.GetFileName(files[i]), Trigger: entry.GetProperty("trigger").GetString(), Disposition: entry.GetProperty("disposition").GetString()))
            .ToList();
        Assert.All(outcomes, o => Assert.True(
            o.Trigger == "Unsupported" ? o.Disposition == "Ignored" : o.Disposition is "Healthy" or "Alerted" or "Verified",
            $"{o.File}: {o.Trigger} ended {o.Disposition}"));
        Assert.Equal(
            ["kms-cmk-rotation.json", "kms-create-grant.json", "kms-decrypt-by-identity-center.json", "kms-decrypt-direct-failed.json"],
            outcomes.Where(o => o.Trigger == "Unsupported").Select(o => o.File));
    }

    [Fact]
    public void Replay_WhenAFileIsNotAnEvent_ShouldReportItAndExitWithTheBadInputCode()
    {
        var (account, _) = Seed();
        using var file = new TempFile("[1, 2]");

        var run = CliRun.With(Services(account), "replay", file.Path, "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--region", account.Region, "--json");

        Assert.Equal(65, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal("The event must be a JSON object, not an array.", document.RootElement[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Replay_WhenGivenAScheduledEvent_ShouldRunTheSweepAcrossRegions()
    {
        var account = TestAccount.Create();
        var seeded = account.Seed(true, "eu-west-1");
        using var kms = new AmazonKeyManagementServiceClient(account.Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = TestAccount.Moto.Endpoint.ToString(), AuthenticationRegion = "eu-west-1" });
        await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = seeded.ReplicaKeyArns![0] });

        var run = CliRun.With(Services(account), "replay", EventFor(seeded, "scheduled-event.json"), "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--region", account.Region, "--dry-run", "--json");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var document = JsonDocument.Parse(run.Output);
        var entry = document.RootElement[0];
        Assert.Equal(("Sweep", "Alerted"), (entry.GetProperty("trigger").GetString(), entry.GetProperty("disposition").GetString()));
        Assert.StartsWith("Dry run: would have enabled the key", entry.GetProperty("actions")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(seeded.ReplicaKeyArns[0], entry.GetProperty("alert").GetProperty("document").GetProperty("key").GetProperty("arn").GetString());
        Assert.Equal("Disabled", (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = seeded.ReplicaKeyArns[0] })).KeyMetadata.KeyState.Value);
    }

    private static (TestAccount Account, SeededAccount Seeded) Seed()
    {
        var account = TestAccount.Create();
        return (account, account.Seed());
    }

    private static CliServices Services(TestAccount account) =>
        new(() => new SdkCredentialSource(account.Credentials), name => account.ProcessEnvironment().GetValueOrDefault(name));

    private static AmazonKeyManagementServiceClient Kms(TestAccount account) =>
        new(account.Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = TestAccount.Moto.Endpoint.ToString(), AuthenticationRegion = account.Region });

    private static string EventFor(SeededAccount seeded, string file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, File.ReadAllText(RepoPaths.EventFile(file))
            .Replace("mrk-1234abcd12ab34cd56ef1234567890ab", seeded.KeyId, StringComparison.Ordinal)
            .Replace("arn:aws:sso:::instance/ssoins-1111222233334444", seeded.InstanceArn, StringComparison.Ordinal)
            .Replace("111122223333", seeded.Account, StringComparison.Ordinal));
        return path;
    }
}
