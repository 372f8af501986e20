using System.Text.Json;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

public sealed class InspectEventCommandTests
{
    public static TheoryData<string> EveryEventFile()
    {
        var files = new TheoryData<string>();
        var oddRecords = Path.Combine(RepoPaths.Root, "tests", "IdcKmsGuard.Core.Tests", "Events", "OddRecords");
        foreach (var file in new[] { RepoPaths.Events, Path.Combine(RepoPaths.Reference, "cloudtrail"), oddRecords }.SelectMany(d => Directory.GetFiles(d, "*.json")).Order(StringComparer.Ordinal))
        {
            files.Add(file);
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(EveryEventFile))]
    public void InspectEvent_WhenJsonRequested_ShouldPrintOneObjectWithTheDocumentedFields(string file)
    {
        var run = CliRun.Of("inspect-event", file, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal(
            ["trigger", "eventName", "eventSource", "succeeded", "errorCode", "keyRefs", "actor", "region", "account", "eventId", "encryptionContext"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, root.GetProperty("trigger").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("keyRefs").ValueKind);
        Assert.Equal(["type", "arn", "invokedBy"], root.GetProperty("actor").EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("succeeded").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.Single(run.Output.TrimEnd().Split('\n'));
    }

    // Refused and made by or through Identity Center: KeyUseFailed. Allowed, or a direct call: something else.
    [Theory]
    [InlineData("kms-decrypt-by-identity-center-failed.json", "KeyUseFailed")]
    [InlineData("kms-describe-key-through-identity-center-failed.json", "KeyUseFailed")]
    [InlineData("kms-decrypt-by-identity-center.json", "Unsupported")]
    [InlineData("kms-decrypt-direct-failed.json", "Unsupported")]
    public void InspectEvent_WhenGivenAKeyUseRecord_ShouldCallOnlyRefusalsOfIdentityCenterKeyUseFailed(string file, string trigger)
    {
        var run = CliRun.Of("inspect-event", RepoPaths.EventFile(file), "--json");

        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(trigger, document.RootElement.GetProperty("trigger").GetString());
    }

    [Fact]
    public void InspectEvent_WhenKmsRefusedIdentityCenter_ShouldShowTheFailedUseWithItsContext()
    {
        var run = CliRun.Of("inspect-event", RepoPaths.EventFile("kms-decrypt-by-identity-center-failed.json"), "--json");

        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("KeyUseFailed", "Decrypt", false, "DisabledException"), (
            root.GetProperty("trigger").GetString(),
            root.GetProperty("eventName").GetString(),
            root.GetProperty("succeeded").GetBoolean(),
            root.GetProperty("errorCode").GetString()));
        Assert.Equal("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", root.GetProperty("keyRefs")[0].GetString());
        Assert.Equal("sso.amazonaws.com", root.GetProperty("actor").GetProperty("invokedBy").GetString());
        Assert.Equal(
            "arn:aws:sso:::instance/ssoins-1111222233334444",
            root.GetProperty("encryptionContext").GetProperty("aws:sso:instance-arn").GetString());
    }

    [Fact]
    public void InspectEvent_WhenFailedScheduleDeletion_ShouldReportTriggerErrorAndActor()
    {
        var run = CliRun.Of("inspect-event", RepoPaths.EventFile("kms-schedule-key-deletion-failed.json"), "--json");

        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal("KeyDeletionScheduled", root.GetProperty("trigger").GetString());
        Assert.False(root.GetProperty("succeeded").GetBoolean());
        Assert.Equal("AccessDeniedException", root.GetProperty("errorCode").GetString());
        Assert.Equal("AssumedRole", root.GetProperty("actor").GetProperty("type").GetString());
        Assert.Equal(["mrk-1234abcd12ab34cd56ef1234567890ab"], root.GetProperty("keyRefs").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public void InspectEvent_WhenUnsupportedEvent_ShouldExitZeroAndSaySo()
    {
        var run = CliRun.Of("inspect-event", RepoPaths.EventFile("kms-create-grant.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("trigger     Unsupported", run.Output, StringComparison.Ordinal);
        Assert.Contains("The guard does not act on this event.", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "The event must be a JSON object, not an array.")]
    [InlineData("{\"detail-type\": \"x\"", "The event is not valid JSON")]
    [InlineData("", "The event is empty.")]
    public void InspectEvent_WhenInputIsUnreadable_ShouldExitTwoWithOneLineError(string content, string expected)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, content);
        try
        {
            var run = CliRun.Of("inspect-event", path, "--json");

            Assert.Equal(65, run.ExitCode);
            Assert.Empty(run.Output);
            Assert.StartsWith($"error: {path}: {expected}", run.Error, StringComparison.Ordinal);
            Assert.Single(run.Error.TrimEnd().Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void InspectEvent_WhenFileDoesNotExist_ShouldExitWithTheBadInputCode()
    {
        var run = CliRun.Of("inspect-event", "/no/such/event.json");

        Assert.Equal(65, run.ExitCode);
        Assert.Contains("/no/such/event.json", run.Error, StringComparison.Ordinal);
    }
}
