using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Support.Templates;

/// <summary>Turns a literal YAML tree (an event pattern) into the JSON that CloudFormation would send.</summary>
internal static class YamlJson
{
    /// <param name="pseudoParameters">Values for !Ref of pseudo parameters (AWS::AccountId ...); any other intrinsic is refused.</param>
    public static string ToJson(YamlNode node, IReadOnlyDictionary<string, string>? pseudoParameters = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping writes ">" rather than "\u003E", as a person would in a pattern; the JSON means the same.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, node, pseudoParameters ?? new Dictionary<string, string>());
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, IReadOnlyDictionary<string, string> pseudoParameters)
    {
        if (node.Intrinsic() is { } intrinsic)
        {
            if (intrinsic == "!Ref" && node is YamlScalarNode { Value: { } name } && pseudoParameters.TryGetValue(name, out var value))
            {
                writer.WriteStringValue(value);
                return;
            }

            throw new InvalidOperationException($"{intrinsic} at {node.Start}: only literal values and given pseudo parameters can be installed as an event pattern here.");
        }

        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value ?? string.Empty);
                    Write(writer, value, pseudoParameters);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item, pseudoParameters);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw new InvalidOperationException($"Unexpected YAML node at {node.Start}.");
        }
    }

    // YAML 1.2 core schema: an unquoted true/false/null/number is not a string; event patterns care (numeric, exists).
    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any)
        {
            switch (value)
            {
                case "true":
                    writer.WriteBooleanValue(true);
                    return;
                case "false":
                    writer.WriteBooleanValue(false);
                    return;
                case "null" or "~" or "":
                    writer.WriteNullValue();
                    return;
            }

            if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                writer.WriteNumberValue(number);
                return;
            }
        }

        writer.WriteStringValue(value);
    }
}
