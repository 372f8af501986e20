using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace IdcKmsGuard.Lambda.Runtime.Logging;

// Writes template arguments with their JSON type, without reflection: anything unknown becomes its string form.
internal static class JsonLogValue
{
    private const int MaxDepth = 3;

    public static void Write(Utf8JsonWriter json, object? value, int depth = 0)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string text: json.WriteStringValue(text); break;
            case bool flag: json.WriteBooleanValue(flag); break;
            case int number: json.WriteNumberValue(number); break;
            case long number: json.WriteNumberValue(number); break;
            case short number: json.WriteNumberValue(number); break;
            case byte number: json.WriteNumberValue(number); break;
            case sbyte number: json.WriteNumberValue(number); break;
            case ushort number: json.WriteNumberValue(number); break;
            case uint number: json.WriteNumberValue(number); break;
            case ulong number: json.WriteNumberValue(number); break;
            case decimal number: json.WriteNumberValue(number); break;
            case double number when double.IsFinite(number): json.WriteNumberValue(number); break;
            case float number when float.IsFinite(number): json.WriteNumberValue(number); break;
            case DateTimeOffset moment: json.WriteStringValue(moment); break;
            case DateTime moment: json.WriteStringValue(moment); break;
            case Guid id: json.WriteStringValue(id); break;
            case TimeSpan span: json.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture)); break;
            case Enum member: json.WriteStringValue(member.ToString()); break;
            case IEnumerable<KeyValuePair<string, object?>> pairs when depth < MaxDepth: WriteObject(json, pairs, depth); break;
            case IEnumerable items when depth < MaxDepth: WriteArray(json, items, depth); break;
            case IFormattable formattable: json.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(value.ToString()); break;
        }
    }

    private static void WriteObject(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> pairs, int depth)
    {
        json.WriteStartObject();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, item) in pairs)
        {
            var name = LogKeyNames.ToSnakeCase(key);
            if (name.Length > 0 && written.Add(name))
            {
                json.WritePropertyName(name);
                Write(json, item, depth + 1);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, IEnumerable items, int depth)
    {
        json.WriteStartArray();
        foreach (var item in items)
        {
            Write(json, item, depth + 1);
        }

        json.WriteEndArray();
    }
}
