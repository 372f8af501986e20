using System.Text.Json;

namespace IdcKmsGuard.Lambda.Runtime.Logging;

internal static class LogKeyNames
{
    public const string OriginalFormat = "{OriginalFormat}";

    // "{@Key}" and "{$Key}" are destructuring hints in message templates, not part of the name.
    public static string ToSnakeCase(string key)
    {
        var trimmed = key.TrimStart('@', '$').Trim();
        return trimmed.Length == 0 ? string.Empty : JsonNamingPolicy.SnakeCaseLower.ConvertName(trimmed);
    }
}
