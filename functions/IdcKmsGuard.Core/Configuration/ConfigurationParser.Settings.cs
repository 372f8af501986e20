using System.Text.Json;
using static IdcKmsGuard.Core.Configuration.ConfigurationJson;

namespace IdcKmsGuard.Core.Configuration;

public static partial class ConfigurationParser
{
    // Read before anything else: a document of another version is refused for that, not for elements it may add.
    private static void ReadVersion(JsonElement root)
    {
        if (!root.TryGetProperty("version", out var version))
        {
            throw new ConfigurationException("version", $"is required; write \"version\": {SupportedVersion}");
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetDouble(out var number) || number != SupportedVersion)
        {
            throw new ConfigurationException("version", $"must be {SupportedVersion}, the only version this guard reads; it is {version.GetRawText()}");
        }
    }

    private static T Optional<T>(IReadOnlyDictionary<string, JsonElement> members, string name, Func<JsonElement, string, T> read, T fallback) =>
        members.TryGetValue(name, out var element) ? read(element, name) : fallback;

    private static RepairStrategy ReadRepairStrategy(JsonElement element, string location)
    {
        var text = String(element, location, 64);
        return ConfigurationNames.TryParseRepairStrategy(text, out var strategy)
            ? strategy
            : throw new ConfigurationException(location, $"'{text}' is not one of: {string.Join(", ", ConfigurationNames.RepairStrategies)}");
    }

    private static int ReadSweepRepeat(JsonElement element, string location) =>
        Integer(element, location, 1, ConfigurationLimits.MaxSweepRepeatAfter, "sweeps");

    private static TimeSpan ReadWindow(JsonElement element, string location) => TimeSpan.FromMinutes(
        Integer(element, location, ConfigurationLimits.MinRepeatAlertWindowMinutes, ConfigurationLimits.MaxRepeatAlertWindowMinutes, "minutes"));
}
