using System.Text.Json;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>The Condition element: operator → condition key → value or list of values.</summary>
internal static class ConditionParser
{
    public static IReadOnlyList<ConditionClause> Parse(JsonElement condition, string location)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyParseException(location, $"must be an object of condition operators, not {PolicyJson.Kind(condition)}");
        }

        var clauses = new List<ConditionClause>();
        foreach (var (name, block) in PolicyJson.Members(condition, location))
        {
            var operatorLocation = PolicyJson.Join(location, name);
            var conditionOperator = ConditionOperatorParser.Parse(name, operatorLocation);
            if (block.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyParseException(operatorLocation, $"must be an object of condition keys and values, not {PolicyJson.Kind(block)}");
            }

            var keys = PolicyJson.Members(block, operatorLocation);
            if (keys.Count == 0)
            {
                throw new PolicyParseException(operatorLocation, "is empty; an operator needs at least one condition key");
            }

            // Keys are case-insensitive in IAM, so two spellings of one key under one operator are a duplicate whose
            // meaning (both apply, or one wins) no document settles.
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in keys)
            {
                var keyLocation = PolicyJson.Join(operatorLocation, key);
                if (key.Length == 0)
                {
                    throw new PolicyParseException(operatorLocation, "has an empty condition key");
                }

                if (!seen.Add(key))
                {
                    throw new PolicyParseException(
                        keyLocation,
                        "repeats a condition key of this operator in another case; IAM compares condition keys case-insensitively");
                }

                clauses.Add(new ConditionClause(conditionOperator, key, Values(value, keyLocation)));
            }
        }

        return clauses;
    }

    private static string[] Values(JsonElement value, string location)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return [Scalar(value, location)];
        }

        var values = new string[value.GetArrayLength()];
        if (values.Length == 0)
        {
            throw new PolicyParseException(location, "is an empty array; a condition key needs at least one value");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            values[index] = Scalar(item, PolicyJson.At(location, index));
            index++;
        }

        return values;
    }

    // Numbers and booleans keep their JSON text: "30", "true"; the evaluator compares them as IAM does.
    private static string Scalar(JsonElement value, string location) => value.ValueKind switch
    {
        JsonValueKind.String => PolicyJson.String(value, location, "a string"),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => throw new PolicyParseException(location, $"must be a string, number or boolean, not {PolicyJson.Kind(value)}"),
    };
}
