using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Support.Templates;

/// <summary>
/// One EventBridge rule of the guard: an EventBridgeRule event of a SAM function (the rule SAM creates on the default
/// bus), or a rule of its own (AWS::Events::Rule) that queues events for the function.
/// </summary>
/// <param name="Delivery">Where the rule's RetryPolicy and DeadLetterConfig are: the SAM event's properties, or the target.</param>
/// <param name="State">ENABLED, or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS for a rule that takes read-only calls.</param>
internal sealed record EventRule(string Name, YamlMappingNode Pattern, YamlMappingNode Delivery, string State)
{
    public const string GuardFunction = "GuardFunction";

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

    /// <summary>Every rule that brings events to the guard function: its own and the queueing ones.</summary>
    public static IReadOnlyList<EventRule> OfGuard() => [.. Of(CloudFormationTemplate.Guard, GuardFunction), .. Standalone(CloudFormationTemplate.Guard)];

    // SAM treats CloudWatchEvent and EventBridgeRule alike; both create an AWS::Events::Rule.
    public static IReadOnlyList<EventRule> Of(CloudFormationTemplate template, string functionId) =>
    [
        .. template.Properties(functionId).Map("Events").Children
            .Select(entry => (Name: ((YamlScalarNode)entry.Key).Value!, Event: (YamlMappingNode)entry.Value))
            .Where(entry => entry.Event.ScalarOrNull("Type") is "EventBridgeRule" or "CloudWatchEvent")
            .Select(entry => new EventRule(
                entry.Name, entry.Event.Map("Properties").Map("Pattern"), entry.Event.Map("Properties"), entry.Event.Map("Properties").ScalarOrNull("State") ?? "ENABLED")),
    ];

    /// <summary>The template's own AWS::Events::Rule resources with a pattern that bring events to the guard, named by logical id.</summary>
    public static IReadOnlyList<EventRule> Standalone(CloudFormationTemplate template) => [.. WithPattern(template).Where(rule => !rule.NotifiesAlertTopic)];

    /// <summary>The tripwires: rules whose CloudTrail events about the guard itself go straight to the alert topic.</summary>
    public static IReadOnlyList<EventRule> Tripwires(CloudFormationTemplate template) => [.. WithPattern(template).Where(rule => rule.NotifiesAlertTopic)];

    private bool NotifiesAlertTopic => Delivery.Find("Arn")?.Refers("AlertTopic") ?? false;

    private static IEnumerable<EventRule> WithPattern(CloudFormationTemplate template) =>
        template.ResourcesOfType("AWS::Events::Rule")
            .Where(rule => rule.Properties.Find("EventPattern") is YamlMappingNode)
            .Select(rule => new EventRule(
                rule.LogicalId,
                rule.Properties.Map("EventPattern"),
                (YamlMappingNode)rule.Properties.Sequence("Targets").Children[0],
                rule.Properties.ScalarOrNull("State") ?? "ENABLED"));
}
