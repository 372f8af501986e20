using System.Text.Json;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>Reads a KMS key policy into the model, or says precisely what is wrong with it.</summary>
/// <remarks>
/// Every failure is a <see cref="PolicyParseException"/> whose Location is "Policy" for the document as a whole, or a
/// path such as "Statement[2].Principal.AWS[1]" ("Statement.Effect" when Statement is a single object).
/// </remarks>
public static class KeyPolicyParser
{
    public const string PolicyLocation = "Policy";

    /// <summary>Far above any real policy (the documented ones nest 6 deep), low enough that no input can exhaust the stack.</summary>
    public const int MaxJsonDepth = 64;

    private static readonly string[] Versions = ["2012-10-17", "2008-10-17"];

    // Comments and trailing commas stay disallowed (the defaults): IAM rejects both.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxJsonDepth };

    public static KeyPolicy Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = KmsPolicyLimits.Check(json);
        if (problems.Count > 0)
        {
            throw new PolicyParseException(PolicyLocation, string.Join("; ", problems));
        }

        using var document = Read(json);
        return FromRoot(document.RootElement, json);
    }

    private static JsonDocument Read(string json)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new PolicyParseException(PolicyLocation, SyntaxProblem(e));
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16; unreachable after KmsPolicyLimits.Check, kept so that no input escapes as another type.
            throw new PolicyParseException(PolicyLocation, "is not valid UTF-16 text");
        }
    }

    private static KeyPolicy FromRoot(JsonElement root, string json)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyParseException(PolicyLocation, $"must be a JSON object with a Statement element, not {PolicyJson.Kind(root)}");
        }

        string? version = null, id = null;
        JsonElement? statement = null;
        foreach (var (name, value) in PolicyJson.Members(root, string.Empty))
        {
            switch (name)
            {
                case "Version":
                    version = PolicyJson.String(value, name, "\"2012-10-17\" or \"2008-10-17\"");
                    if (Array.IndexOf(Versions, version) < 0)
                    {
                        throw new PolicyParseException(name, $"must be \"2012-10-17\" or \"2008-10-17\", not {PolicyJson.Quote(version)}");
                    }

                    break;
                case "Id":
                    id = PolicyJson.String(value, name, "a string");
                    break;
                case "Statement":
                    statement = value;
                    break;
                default:
                    throw new PolicyParseException(
                        PolicyJson.Join(string.Empty, name),
                        $"{PolicyJson.Quote(name)} is not a policy element; expected Version, Id or Statement");
            }
        }

        return statement is { } found
            ? new KeyPolicy(version, id, Statements(found), json)
            : throw new PolicyParseException("Statement", "Statement is required: a key policy needs at least one statement");
    }

    private static List<PolicyStatement> Statements(JsonElement element)
    {
        const string location = "Statement";
        if (element.ValueKind == JsonValueKind.Object)
        {
            return [StatementParser.Parse(element, 0, location)];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new PolicyParseException(location, $"must be a statement object or an array of them, not {PolicyJson.Kind(element)}");
        }

        var statements = new List<PolicyStatement>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            statements.Add(StatementParser.Parse(item, statements.Count, PolicyJson.At(location, statements.Count)));
        }

        return statements.Count > 0
            ? statements
            : throw new PolicyParseException(location, "is an empty array; a key policy needs at least one statement");
    }

    private static string SyntaxProblem(JsonException e)
    {
        // The reader's message ends with its own " LineNumber: 0 | BytePositionInLine: 9."; say it once, 1-based.
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        return e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? $"is not valid JSON at line {line + 1}, byte {position + 1}: {reason}"
            : $"is not valid JSON: {reason}";
    }
}
