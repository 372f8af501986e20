namespace IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;

/// <summary>Policies built from the key-policy grammar, mostly valid, with an occasional wrong word.</summary>
internal sealed partial class PolicyInputGenerator
{
    private JsonTree GrammarPolicy()
    {
        var members = new List<KeyValuePair<string, JsonTree>>();
        if (Chance(80))
        {
            members.Add(new("Version", JsonTree.String(Chance(90) ? "2012-10-17" : Pick(FuzzVocabulary.Versions))));
        }

        if (Chance(20))
        {
            members.Add(new("Id", JsonTree.String(RandomString(12))));
        }

        var statements = Enumerable.Range(0, random.Next(1, 5)).Select(_ => GrammarStatement()).ToList();
        members.Add(new("Statement", statements.Count == 1 && Chance(30) ? statements[0] : JsonTree.Array(statements)));
        return JsonTree.Object(Shuffled(members));
    }

    private JsonTree GrammarStatement()
    {
        var members = new List<KeyValuePair<string, JsonTree>>();
        if (Chance(60))
        {
            members.Add(new("Sid", JsonTree.String(RandomString(20))));
        }

        members.Add(new("Effect", JsonTree.String(Chance(98) ? Pick(["Allow", "Deny"]) : Pick(FuzzVocabulary.Effects))));
        members.Add(new(Chance(90) ? "Principal" : "NotPrincipal", GrammarPrincipal()));
        members.Add(new(Chance(90) ? "Action" : "NotAction", OneOrList(FuzzVocabulary.Actions)));
        members.Add(new(Chance(90) ? "Resource" : "NotResource", OneOrList(FuzzVocabulary.Resources)));
        if (Chance(60))
        {
            members.Add(new("Condition", GrammarCondition()));
        }

        return JsonTree.Object(Shuffled(members));
    }

    private JsonTree GrammarPrincipal()
    {
        if (Chance(25))
        {
            return JsonTree.String("*");
        }

        var types = Enumerable.Range(0, random.Next(1, 3))
            .Select(_ => Chance(98) ? Pick(["AWS", "Service", "Federated", "CanonicalUser"]) : Pick(FuzzVocabulary.PrincipalTypes))
            .Distinct(StringComparer.Ordinal);
        return JsonTree.Object(types.Select(t => new KeyValuePair<string, JsonTree>(t, OneOrList(FuzzVocabulary.Principals))));
    }

    private JsonTree GrammarCondition()
    {
        var operators = Enumerable.Range(0, random.Next(1, 4)).Select(_ => OperatorName()).Distinct(StringComparer.Ordinal);
        return JsonTree.Object(operators.Select(o => new KeyValuePair<string, JsonTree>(o, ConditionBlock())));
    }

    private string OperatorName()
    {
        var valid = Chance(97);
        var prefix = valid ? Pick(["", "", "ForAnyValue:", "ForAllValues:"]) : Pick(FuzzVocabulary.OperatorPrefixes);
        var name = valid || Chance(50) ? Pick(FuzzVocabulary.BaseOperators) : Pick(FuzzVocabulary.BadOperators);
        var suffix = valid ? (name != "Null" && Chance(20) ? "IfExists" : string.Empty) : Pick(FuzzVocabulary.OperatorSuffixes);
        return prefix + name + suffix;
    }

    private JsonTree ConditionBlock()
    {
        var keys = Enumerable.Range(0, random.Next(1, 3))
            .Select(_ => Chance(98) ? Pick(FuzzVocabulary.ConditionKeys) : string.Empty)
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return JsonTree.Object(keys.Select(k => new KeyValuePair<string, JsonTree>(k, ConditionValue())));
    }

    private JsonTree ConditionValue()
    {
        JsonTree One() => random.Next(6) switch
        {
            0 => JsonTree.Scalar(Pick(FuzzVocabulary.Numbers)),
            1 => JsonTree.Scalar(Pick(["true", "false"])),
            _ => JsonTree.String(Pick(FuzzVocabulary.ConditionValues)),
        };

        return Chance(50) ? One() : JsonTree.Array(Enumerable.Range(0, random.Next(1, 4)).Select(_ => One()));
    }

    private JsonTree OneOrList(string[] words)
    {
        string Word() => Chance(98) ? Pick(words) : Pick(FuzzVocabulary.BadPatterns);
        return Chance(50) ? JsonTree.String(Word()) : JsonTree.Array(Enumerable.Range(0, random.Next(1, 4)).Select(_ => JsonTree.String(Word())));
    }

    /// <summary>Any JSON value, with policy words more often than chance would give them.</summary>
    private JsonTree RandomValue(int depth) => random.Next(depth <= 0 ? 4 : 6) switch
    {
        0 => JsonTree.String(random.Next(3) switch { 0 => RandomString(16), 1 => Pick(FuzzVocabulary.Actions), _ => Pick(FuzzVocabulary.BadPatterns) }),
        1 => JsonTree.Scalar(Pick(FuzzVocabulary.Numbers)),
        2 => JsonTree.Scalar(Pick(["true", "false", "null"])),
        3 => JsonTree.String(Pick(FuzzVocabulary.Principals)),
        4 => JsonTree.Array(Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(depth - 1))),
        _ => JsonTree.Object(Enumerable.Range(0, random.Next(0, 4)).Select(_ => new KeyValuePair<string, JsonTree>(RandomKey(), RandomValue(depth - 1)))),
    };

    private string RandomKey() => JsonTree.Escape(random.Next(4) switch
    {
        0 => Pick(FuzzVocabulary.RootElements),
        1 => Pick(FuzzVocabulary.StatementElements),
        2 => Pick(FuzzVocabulary.PrincipalTypes),
        _ => Chance(50) ? Pick(FuzzVocabulary.ConditionKeys) : RandomString(8),
    });

    private List<T> Shuffled<T>(List<T> items)
    {
        if (Chance(30))
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        return items;
    }
}
