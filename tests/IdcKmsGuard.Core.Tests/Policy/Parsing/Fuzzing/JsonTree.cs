using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;

/// <summary>
/// A mutable JSON tree that can hold what JSON readers refuse to: repeated names, raw unpaired surrogates, text that
/// is not a JSON value at all. Object names and scalars are kept as the text written between/as tokens.
/// </summary>
internal sealed class JsonTree
{
    private JsonTree()
    {
    }

    public List<KeyValuePair<string, JsonTree>>? Members { get; private set; }

    public List<JsonTree>? Items { get; private set; }

    /// <summary>A scalar's JSON text as written: "\"kms:*\"", "30", "true", "null" (or anything at all).</summary>
    public string? Raw { get; private set; }

    public bool IsObject => Members is not null;

    public bool IsArray => Items is not null;

    public static JsonTree Object(IEnumerable<KeyValuePair<string, JsonTree>> members) => new() { Members = [.. members] };

    public static JsonTree Array(IEnumerable<JsonTree> items) => new() { Items = [.. items] };

    public static JsonTree Scalar(string raw) => new() { Raw = raw };

    public static JsonTree String(string value) => Scalar(Quote(value));

    public static JsonTree From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Object(element.EnumerateObject().Select(p => new KeyValuePair<string, JsonTree>(Escape(p.Name), From(p.Value)))),
        JsonValueKind.Array => Array(element.EnumerateArray().Select(From)),
        _ => Scalar(element.GetRawText()),
    };

    public static JsonTree Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return From(document.RootElement);
    }

    /// <summary>JSON string content for <paramref name="value"/>; characters are kept, so surrogates stay unpaired.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    public static string Quote(string value) => $"\"{Escape(value)}\"";

    public JsonTree Clone() => IsObject ? Object(Members!.Select(m => new KeyValuePair<string, JsonTree>(m.Key, m.Value.Clone())))
        : IsArray ? Array(Items!.Select(i => i.Clone()))
        : Scalar(Raw!);

    /// <summary>Turns this node into <paramref name="other"/> in place, so a node can be replaced without its parent.</summary>
    public void Become(JsonTree other)
    {
        Members = other.Members;
        Items = other.Items;
        Raw = other.Raw;
    }

    /// <summary>This node and every node below it, parents first.</summary>
    public List<JsonTree> Nodes()
    {
        var nodes = new List<JsonTree>();
        var pending = new Stack<JsonTree>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            nodes.Add(node);
            foreach (var child in node.Members?.Select(m => m.Value) ?? node.Items ?? [])
            {
                pending.Push(child);
            }
        }

        return nodes;
    }

    /// <param name="indent">Null for compact text, else the indentation unit.</param>
    public string Write(string? indent = null)
    {
        var builder = new StringBuilder();
        Write(builder, indent, 0);
        return builder.ToString();
    }

    // Recursion depth is bounded by the depth of the tree, which the generator keeps in the low hundreds.
    private void Write(StringBuilder builder, string? indent, int depth)
    {
        if (Raw is not null)
        {
            builder.Append(Raw);
            return;
        }

        var (open, close, count) = IsObject ? ('{', '}', Members!.Count) : ('[', ']', Items!.Count);
        builder.Append(open);
        for (var i = 0; i < count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",");
            NewLine(builder, indent, depth + 1);
            if (IsObject)
            {
                builder.Append('"').Append(Members![i].Key).Append(indent is null ? "\":" : "\": ");
                Members[i].Value.Write(builder, indent, depth + 1);
            }
            else
            {
                Items![i].Write(builder, indent, depth + 1);
            }
        }

        if (count > 0)
        {
            NewLine(builder, indent, depth);
        }

        builder.Append(close);
    }

    private static void NewLine(StringBuilder builder, string? indent, int depth)
    {
        if (indent is not null)
        {
            builder.Append('\n');
            for (var i = 0; i < depth; i++)
            {
                builder.Append(indent);
            }
        }
    }
}
