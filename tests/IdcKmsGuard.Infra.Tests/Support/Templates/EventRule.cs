using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Support.Templates;

/// <summary>One EventBridgeRule event of a SAM function: the rule SAM creates on the default bus.</summary>
internal sealed record EventRule(string Name, YamlMappingNode Properties)
{
    public const string GuardFunction = "GuardFunction";

    public YamlMappingNode Pattern => Properties.Map("Pattern");

    /// <summary>The pattern as EventBridge gets it in the given account (every pattern pins account: !Ref AWS::AccountId).</summary>
    public string PatternJson(string account) => YamlJson.ToJson(Pattern, new Dictionary<string, string>(StringComparer.Ordinal) { ["AWS::AccountId"] = account });

    /// <summary>detail.eventName, detail-type, ... of the pattern as a set of the values it matches.</summary>
    public IReadOnlySet<string> PatternValues(params string[] path)
    {
        var node = Pattern;
        foreach (var key in path[..^1])
        {
            node = node.Map(key);
        }

        return node.Sequence(path[^1]).Strings().ToHashSet(StringComparer.Ordinal);
    }

    public static IReadOnlyList<EventRule> OfGuardFunction() => Of(CloudFormationTemplate.Guard, GuardFunction);

    // SAM treats CloudWatchEvent and EventBridgeRule alike; both create an AWS::Events::Rule.
    public static IReadOnlyList<EventRule> Of(CloudFormationTemplate template, string functionId) =>
    [
        .. template.Properties(functionId).Map("Events").Children
            .Select(entry => (Name: ((YamlScalarNode)entry.Key).Value!, Event: (YamlMappingNode)entry.Value))
            .Where(entry => entry.Event.ScalarOrNull("Type") is "EventBridgeRule" or "CloudWatchEvent")
            .Select(entry => new EventRule(entry.Name, entry.Event.Map("Properties"))),
    ];
}
