using System.Text.Json;
using IdcKmsGuard.Core.Json;

namespace IdcKmsGuard.Core.Events;

/// <summary>Every place a record may name a key, gathered in order of reliability, duplicates removed.</summary>
internal static class KeyReferenceCollector
{
    public static IReadOnlyList<string> FromCloudTrail(JsonElement record, JsonElement? envelope)
    {
        var refs = new List<string>();

        foreach (var resource in record.ArrayItems("resources"))
        {
            Add(refs, resource.ValueKind == JsonValueKind.String ? resource.GetString() : resource.StringIgnoringCase("arn"));
        }

        if (envelope is { } outer)
        {
            foreach (var resource in outer.ArrayItems("resources"))
            {
                Add(refs, resource.ValueKind == JsonValueKind.String ? resource.GetString() : null);
            }
        }

        if (record.Object("requestParameters") is { } request)
        {
            Add(refs, request.StringIgnoringCase("keyId"));
            AddKeyArnsAnywhere(refs, request);
        }

        if (record.Object("responseElements") is { } response)
        {
            Add(refs, response.StringIgnoringCase("keyId"));
            Add(refs, response.Object("keyMetadata")?.StringIgnoringCase("arn"));
            Add(refs, response.Object("keyMetadata")?.StringIgnoringCase("keyId"));
            Add(refs, response.Object("replicaKeyMetadata")?.StringIgnoringCase("arn"));
        }

        Add(refs, record.Object("serviceEventDetails")?.StringIgnoringCase("keyId"));
        return refs;
    }

    public static IReadOnlyList<string> FromNativeEvent(JsonElement envelope, JsonElement detail)
    {
        var refs = new List<string>();
        foreach (var resource in envelope.ArrayItems("resources"))
        {
            Add(refs, resource.ValueKind == JsonValueKind.String ? resource.GetString() : resource.StringIgnoringCase("arn"));
        }

        Add(refs, detail.String("key-id"));
        return refs;
    }

    // Identity Center records name the key inside an encryption configuration whose casing is undocumented;
    // any string that is a KMS key ARN, at any depth, is a reference.
    private static void AddKeyArnsAnywhere(List<string> refs, JsonElement element, int depth = 0)
    {
        if (depth > 8)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    AddKeyArnsAnywhere(refs, property.Value, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AddKeyArnsAnywhere(refs, item, depth + 1);
                }

                break;
            case JsonValueKind.String when Keys.KeyArn.TryParse(element.GetString(), out _):
                Add(refs, element.GetString());
                break;
        }
    }

    private static void Add(List<string> refs, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !refs.Contains(value, StringComparer.Ordinal))
        {
            refs.Add(value);
        }
    }
}
