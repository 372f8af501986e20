using IdcKmsGuard.Testing;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Support.Templates;

/// <summary>
/// A CloudFormation or SAM template as a YAML tree. The representation model keeps unknown tags on plain nodes, so
/// short-form intrinsics (!Ref, !GetAtt, !Sub, !If, !Not, !Equals ...) load as tagged scalars, sequences and
/// mappings: nothing here needs to know every intrinsic, and the tests can still tell a !If branch apart.
/// </summary>
internal sealed class CloudFormationTemplate
{
    private static readonly Lazy<CloudFormationTemplate> GuardTemplate = new(() => Load(Path.Combine(RepoPaths.Root, "template.yaml")));

    private CloudFormationTemplate(string path, YamlMappingNode root)
    {
        FilePath = path;
        Root = root;
    }

    /// <summary>The guard's SAM template, template.yaml at the repository root.</summary>
    public static CloudFormationTemplate Guard => GuardTemplate.Value;

    public string FilePath { get; }

    public YamlMappingNode Root { get; }

    public YamlMappingNode Resources => Root.Map("Resources");

    public static CloudFormationTemplate Load(string path) =>
        TryLoad(path) ?? throw new InvalidOperationException($"{path} is not a CloudFormation template (no top-level Resources).");

    public static CloudFormationTemplate? TryLoad(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            stream.Load(reader);
        }

        return stream.Documents is [{ RootNode: YamlMappingNode root }, ..] && root.Find("Resources") is YamlMappingNode
            ? new CloudFormationTemplate(path, root)
            : null;
    }

    public YamlMappingNode Resource(string logicalId) => Resources.Map(logicalId);

    public YamlMappingNode Properties(string logicalId) => Resource(logicalId).Map("Properties");

    public YamlMappingNode Parameter(string name) => Root.Map("Parameters").Map(name);

    public YamlNode Condition(string name) => Root.Map("Conditions").Find(name) ?? throw new KeyNotFoundException($"No condition {name}.");

    public string TypeOf(string logicalId) => Resource(logicalId).Scalar("Type");

    public IReadOnlyList<(string LogicalId, YamlMappingNode Properties)> ResourcesOfType(string type) =>
    [
        .. Resources.Children
            .Where(entry => entry.Value is YamlMappingNode resource && resource.ScalarOrNull("Type") == type)
            .Select(entry => (((YamlScalarNode)entry.Key).Value!, ((YamlMappingNode)entry.Value).Find("Properties") as YamlMappingNode ?? new YamlMappingNode())),
    ];
}
