using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Support.Templates;

/// <summary>
/// Evaluates the intrinsics a policy document in a template uses (!Ref, !Sub, !If, AWS::NoValue) for given parameter
/// values and conditions, into the JSON CloudFormation would send. Anything else is refused, so a test never judges
/// a document it could not read.
/// </summary>
internal sealed partial class CfnResolver(IReadOnlyDictionary<string, string> references, IReadOnlyDictionary<string, bool> conditions)
{
    private const string NoValue = "AWS::NoValue";

    public JsonNode? Resolve(YamlNode node)
    {
        switch (node.Intrinsic(), node)
        {
            case ("!Ref", YamlScalarNode scalar):
                return scalar.Value == NoValue ? null : JsonValue.Create(Lookup(scalar.Value!));
            case ("!Sub", YamlScalarNode scalar):
                return JsonValue.Create(Substitution().Replace(scalar.Value!, m => Lookup(m.Groups[1].Value)));
            case ("!If", YamlSequenceNode branches):
                var condition = ((YamlScalarNode)branches.Children[0]).Value!;
                return Resolve(conditions.TryGetValue(condition, out var holds) ? branches.Children[holds ? 1 : 2] : throw new KeyNotFoundException($"No value given for condition {condition}."));
            case (null, YamlMappingNode map):
                var result = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (!IsNoValue(value))
                    {
                        result[((YamlScalarNode)key).Value!] = Resolve(value);
                    }
                }

                return result;
            case (null, YamlSequenceNode sequence):
                return new JsonArray([.. sequence.Children.Where(item => !IsNoValue(item)).Select(Resolve)]);
            case (null, YamlScalarNode scalar):
                return JsonValue.Create(scalar.Value);
            default:
                throw new NotSupportedException($"{node.Intrinsic()} at {node.Start} is not resolved by this test helper.");
        }
    }

    private static bool IsNoValue(YamlNode node) => node.Intrinsic() == "!Ref" && node is YamlScalarNode { Value: NoValue };

    private string Lookup(string name) =>
        references.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No value given for {name}.");

    [GeneratedRegex(@"\$\{([A-Za-z0-9:]+)\}")]
    private static partial Regex Substitution();
}
