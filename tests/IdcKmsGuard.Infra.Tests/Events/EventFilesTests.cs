using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Infra.Tests.Support;

namespace IdcKmsGuard.Infra.Tests.Events;

/// <summary>events/ holds real-shaped EventBridge events, named after their API, one per trigger at least.</summary>
public sealed partial class EventFilesTests
{
    public static TheoryData<string> EventFileNames => [.. EventFiles.Names];

    [Theory]
    [MemberData(nameof(EventFileNames))]
    public void EventFile_ShouldBeAnEventBridgeEnvelope(string file)
    {
        var envelope = EventFiles.Envelope(file);

        Assert.Equal(JsonValueKind.Object, envelope.ValueKind);
        Assert.Equal("0", StringOf(envelope, "version", file));
        Assert.NotEmpty(StringOf(envelope, "id", file));
        Assert.NotEmpty(StringOf(envelope, "detail-type", file));
        Assert.StartsWith("aws.", StringOf(envelope, "source", file), StringComparison.Ordinal);
        Assert.Matches(AccountId(), StringOf(envelope, "account", file));
        Assert.True(DateTimeOffset.TryParseExact(StringOf(envelope, "time", file), "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), $"{file}: 'time' is not yyyy-MM-ddTHH:mm:ssZ.");
        Assert.Matches(RegionName(), StringOf(envelope, "region", file));
        Assert.True(envelope.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array, $"{file}: 'resources' is not an array.");
        Assert.All(resources.EnumerateArray(), resource => Assert.Equal(JsonValueKind.String, resource.ValueKind));
        Assert.True(envelope.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.Object, $"{file}: 'detail' is not an object.");
    }

    // <service>-<api>[-variant].json: a CloudTrail call is named after eventName, a native event after its detail-type.
    [Theory]
    [MemberData(nameof(EventFileNames))]
    public void EventFile_ShouldBeNamedAfterItsServiceAndApi(string file)
    {
        var envelope = EventFiles.Envelope(file);
        var service = StringOf(envelope, "source", file)["aws.".Length..];
        var detail = envelope.GetProperty("detail");
        var api = detail.TryGetProperty("eventName", out var eventName)
            ? $"{service}-{Kebab(eventName.GetString()!)}"
            : Kebab(StringOf(envelope, "detail-type", file));

        Assert.Matches(KebabFileName(), file);
        Assert.True(file == $"{api}.json" || file.StartsWith($"{api}-", StringComparison.Ordinal), $"{file} should be named {api}[-variant].json.");
        Assert.True(EventFiles.IsFailedCall(file) == file.EndsWith("-failed.json", StringComparison.Ordinal), $"{file}: a failed call (errorCode) and only a failed call is named *-failed.json.");
    }

    [Fact]
    public void EventFiles_ShouldCoverEveryTrigger()
    {
        var covered = EventFiles.Names.Select(file => EventReader.Read(EventFiles.Text(file)).Trigger).ToHashSet();

        var missing = Enum.GetValues<Trigger>().Where(trigger => !covered.Contains(trigger)).ToList();
        Assert.True(missing.Count == 0, "No file in events/ for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EventFiles_ShouldIncludeFailedCallsThatTheReaderSeesAsFailed()
    {
        var failed = EventFiles.Names.Where(EventFiles.IsFailedCall).ToList();

        Assert.NotEmpty(failed);
        Assert.All(failed, file => Assert.False(EventReader.Read(EventFiles.Text(file)).Succeeded, $"{file} reads as a successful call."));
    }

    [Fact]
    public void EventFiles_ShouldHaveDistinctIds()
    {
        var ids = EventFiles.Names.Select(file => EventFiles.Envelope(file).GetProperty("id").GetString()).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    private static string StringOf(JsonElement envelope, string name, string file) =>
        envelope.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new Xunit.Sdk.XunitException($"{file}: '{name}' is missing or not a string.");

    private static string Kebab(string name) =>
        WordBoundary().Replace(name, "-").Replace(' ', '-').ToLowerInvariant();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d$")]
    private static partial Regex RegionName();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)+\.json$")]
    private static partial Regex KebabFileName();

    [GeneratedRegex(@"(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordBoundary();
}
