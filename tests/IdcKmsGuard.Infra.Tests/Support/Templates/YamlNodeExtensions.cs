using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Support.Templates;

/// <summary>Navigation over a YAML tree that fails with the key and the line when the template is not as expected.</summary>
internal static class YamlNodeExtensions
{
    public static YamlNode? Find(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlMappingNode map, string key) =>
        map.Find(key) as YamlMappingNode ?? throw Missing(map, key, "a mapping");

    public static YamlSequenceNode Sequence(this YamlMappingNode map, string key) =>
        map.Find(key) as YamlSequenceNode ?? throw Missing(map, key, "a sequence");

    public static string Scalar(this YamlMappingNode map, string key) =>
        map.ScalarOrNull(key) ?? throw Missing(map, key, "a scalar");

    public static string? ScalarOrNull(this YamlMappingNode map, string key) => (map.Find(key) as YamlScalarNode)?.Value;

    /// <summary>The short-form intrinsic on a node ("!Ref", "!If", ...), or null for a plain node.</summary>
    public static string? Intrinsic(this YamlNode node) => node.Tag.IsEmpty ? null : node.Tag.Value;

    /// <summary>True for <c>!Ref name</c> or <c>!GetAtt name.attribute</c> (the attribute is not checked).</summary>
    public static bool Refers(this YamlNode node, string logicalId) => node is YamlScalarNode { Value: { } value } && node.Intrinsic() switch
    {
        "!Ref" => value == logicalId,
        "!GetAtt" => value.StartsWith(logicalId + ".", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>A scalar or a sequence of scalars, as IAM and EventBridge allow for lists of one.</summary>
    public static IReadOnlyList<string> Strings(this YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? string.Empty],
        YamlSequenceNode sequence => [.. sequence.Children.Select(item => item is YamlScalarNode { Value: { } value } ? value : throw new InvalidOperationException($"Expected a string at {item.Start}."))],
        _ => throw new InvalidOperationException($"Expected a string or a list of strings at {node.Start}."),
    };

    private static InvalidOperationException Missing(YamlMappingNode map, string key, string what) =>
        new($"Expected '{key}' to be {what} in the mapping at {map.Start}.");
}
