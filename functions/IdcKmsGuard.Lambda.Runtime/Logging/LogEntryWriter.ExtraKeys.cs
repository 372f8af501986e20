using System.Text.Json;

namespace IdcKmsGuard.Lambda.Runtime.Logging;

internal sealed partial class LogEntryWriter
{
    // Template arguments first, then scopes from the innermost out; the first writer of a key wins, and the
    // standard keys can never be overwritten (Powertools ignores such keys too).
    private void WriteExtraKeys(Utf8JsonWriter json, object? state)
    {
        HashSet<string>? written = null;
        WritePairs(json, state, ref written);
        for (var scope = scopes.Current; scope is not null; scope = scope.Parent)
        {
            WritePairs(json, scope.State, ref written);
        }
    }

    private static void WritePairs(Utf8JsonWriter json, object? state, ref HashSet<string>? written)
    {
        switch (state)
        {
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (key, value) in pairs)
                {
                    WritePair(json, key, value, ref written);
                }

                break;
            case IEnumerable<KeyValuePair<string, string?>> pairs:
                foreach (var (key, value) in pairs)
                {
                    WritePair(json, key, value, ref written);
                }

                break;
        }
    }

    private static void WritePair(Utf8JsonWriter json, string key, object? value, ref HashSet<string>? written)
    {
        if (key == LogKeyNames.OriginalFormat)
        {
            return;
        }

        var name = LogKeyNames.ToSnakeCase(key);
        if (name.Length == 0 || LogKeys.Reserved.Contains(name))
        {
            return;
        }

        written ??= new HashSet<string>(StringComparer.Ordinal);
        if (written.Add(name))
        {
            json.WritePropertyName(name);
            JsonLogValue.Write(json, value);
        }
    }
}
