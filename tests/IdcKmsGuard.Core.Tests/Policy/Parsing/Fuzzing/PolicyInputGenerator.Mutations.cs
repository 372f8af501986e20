namespace IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;

/// <summary>Structure-aware mutations: each picks a node of the tree and changes its shape or content.</summary>
internal sealed partial class PolicyInputGenerator
{
    private JsonTree Mutated(JsonTree tree, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Mutate(tree);
        }

        return tree;
    }

    private void Mutate(JsonTree root)
    {
        var nodes = root.Nodes();
        var node = Pick(nodes);
        switch (random.Next(13))
        {
            case 0: // swap the type
                node.Become(RandomValue(2));
                break;
            case 1: // drop a member or an item
                RemoveChild(node);
                break;
            case 2: // repeat a member (same name) or an item
                RepeatChild(node);
                break;
            case 3: // rename a member
                RenameMember(node);
                break;
            case 4: // wrap in an array, or unwrap a one-element array
                node.Become(node.IsArray && node.Items!.Count == 1 ? node.Items[0] : JsonTree.Array([node.Clone()]));
                break;
            case 5:
                node.Become(Nested(node.Clone(), random.Next(1, 120)));
                break;
            case 6:
                node.Become(JsonTree.String(HugeString()));
                break;
            case 7: // an unpaired surrogate, raw or escaped, inside a string or a name
                InsertSurrogate(node);
                break;
            case 8:
                node.Become(JsonTree.Scalar(Pick(FuzzVocabulary.Numbers)));
                break;
            case 9:
                node.Become(Chance(50) ? JsonTree.Object([]) : JsonTree.Array([]));
                break;
            case 10: // add an element, known or not
                node.Members?.Insert(random.Next(node.Members.Count + 1), new(RandomKey(), RandomValue(2)));
                break;
            case 11: // replace a member's value with another member's value from anywhere in the policy
                var donor = Pick(nodes).Clone();
                if (node.Members is { Count: > 0 } members)
                {
                    var at = random.Next(members.Count);
                    members[at] = new(members[at].Key, donor);
                }

                break;
            default: // a policy word where another was
                node.Become(JsonTree.String(Pick(Pick<string[]>(
                    [FuzzVocabulary.Actions, FuzzVocabulary.Principals, FuzzVocabulary.Effects, FuzzVocabulary.ConditionValues, FuzzVocabulary.Versions, FuzzVocabulary.BadPatterns]))));
                break;
        }
    }

    private void RemoveChild(JsonTree node)
    {
        if (node.Members is { Count: > 0 } members)
        {
            members.RemoveAt(random.Next(members.Count));
        }
        else if (node.Items is { Count: > 0 } items)
        {
            items.RemoveAt(random.Next(items.Count));
        }
    }

    private void RepeatChild(JsonTree node)
    {
        if (node.Members is { Count: > 0 } members)
        {
            var member = Pick(members);
            members.Insert(random.Next(members.Count + 1), new(member.Key, Chance(50) ? member.Value.Clone() : RandomValue(1)));
        }
        else if (node.Items is { Count: > 0 } items)
        {
            items.Insert(random.Next(items.Count + 1), Pick(items).Clone());
        }
    }

    private void RenameMember(JsonTree node)
    {
        if (node.Members is not { Count: > 0 } members)
        {
            return;
        }

        var at = random.Next(members.Count);
        var name = members[at].Key;
        var renamed = random.Next(4) switch
        {
            0 => FlipCase(name),
            1 => RandomKey(),
            2 => Pick(FuzzVocabulary.OperatorPrefixes) + Pick(Chance(80) ? FuzzVocabulary.BaseOperators : FuzzVocabulary.BadOperators) + Pick(FuzzVocabulary.OperatorSuffixes),
            _ => name + Pick(["IfExists", " ", "s", ":", "\\u0065"]),
        };
        members[at] = new(renamed, members[at].Value);
    }

    private string FlipCase(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (Chance(30))
            {
                chars[i] = char.IsUpper(chars[i]) ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
            }
        }

        return new string(chars);
    }

    private JsonTree Nested(JsonTree inner, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            inner = Chance(50) ? JsonTree.Array([inner]) : JsonTree.Object([new(RandomKey(), inner)]);
        }

        return inner;
    }

    private string HugeString()
    {
        var length = random.Next(4) == 0 ? random.Next(32_000, 33_000) : random.Next(1_000, 20_000);
        var fill = random.Next(4) switch
        {
            0 => 'é',
            1 => '\u4e2d',
            _ => 'a',
        };
        return new string(fill, length);
    }

    private void InsertSurrogate(JsonTree node)
    {
        var surrogate = Chance(50)
            ? ((char)random.Next(0xD800, 0xE000)).ToString()
            : $"\\u{random.Next(0xD800, 0xE000):X4}";
        if (node.Members is { Count: > 0 } members)
        {
            var at = random.Next(members.Count);
            members[at] = new(members[at].Key.Insert(random.Next(members[at].Key.Length + 1), surrogate), members[at].Value);
        }
        else if (node.Raw is { Length: >= 2 } raw && raw[0] == '"')
        {
            node.Become(JsonTree.Scalar(raw.Insert(random.Next(1, raw.Length), surrogate)));
        }
        else
        {
            node.Become(JsonTree.Scalar($"\"{surrogate}\""));
        }
    }
}
