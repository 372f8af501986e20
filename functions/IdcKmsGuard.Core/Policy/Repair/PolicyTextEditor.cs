using System.Text;
using System.Text.Json;

namespace IdcKmsGuard.Core.Policy.Repair;

/// <summary>
/// Edits a policy's text in place: statements are replaced or appended where they stand, and every other byte
/// stays as the author wrote it. A repair must be the smallest change, and KMS counts the bytes.
/// </summary>
internal sealed class PolicyTextEditor
{
    private readonly byte[] original;
    private readonly List<(int Start, int End)> statements = [];
    private readonly Dictionary<int, string> replacements = [];
    private readonly List<string> appended = [];
    private readonly bool single;

    public PolicyTextEditor(string text)
    {
        original = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(original, new JsonReaderOptions { MaxDepth = 64 });
        reader.Read();
        while (reader.Read() && reader.CurrentDepth >= 1)
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("Statement"u8))
            {
                reader.Read();
                single = reader.TokenType == JsonTokenType.StartObject;
                if (single)
                {
                    statements.Add(Span(ref reader));
                }
                else
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        statements.Add(Span(ref reader));
                    }
                }

                return;
            }

            reader.Skip();
        }

        throw new InvalidOperationException("The policy has no Statement element.");
    }

    public void Replace(int index, string statementJson) => replacements[index] = statementJson;

    public void Append(string statementJson) => appended.Add(statementJson);

    public string Text()
    {
        var output = new StringBuilder();
        var position = 0;
        for (var i = 0; i < statements.Count; i++)
        {
            var (start, end) = statements[i];
            output.Append(Decode(position, start));
            output.Append(single && appended.Count > 0 ? "[" : string.Empty);
            output.Append(replacements.TryGetValue(i, out var replacement) ? replacement : Decode(start, end));
            position = end;
        }

        for (var i = 0; i < appended.Count; i++)
        {
            output.Append(statements.Count > 0 || i > 0 ? Separator() : string.Empty).Append(appended[i]);
        }

        output.Append(single && appended.Count > 0 ? "]" : string.Empty);
        output.Append(Decode(position, original.Length));
        return output.ToString();
    }

    // New statements line up with the last one when the author put statements on lines of their own.
    private string Separator()
    {
        if (statements.Count == 0)
        {
            return ", ";
        }

        var start = statements[^1].Start;
        var indent = start;
        while (indent > 0 && original[indent - 1] is (byte)' ' or (byte)'\t')
        {
            indent--;
        }

        return indent > 0 && original[indent - 1] == (byte)'\n' ? ",\n" + Decode(indent, start) : ", ";
    }

    private static (int Start, int End) Span(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return (start, (int)reader.BytesConsumed);
    }

    private string Decode(int from, int to) => Encoding.UTF8.GetString(original, from, to - from);
}
