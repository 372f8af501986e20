using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Support.Templates;

/// <summary>One statement of a role's inline policies, or of a policy document in a template.</summary>
/// <param name="Condition">The template condition the statement depends on: "Remediates" inside the true branch of
/// !If [Remediates, ...], "!Remediates" inside its false branch, null when it always applies.</param>
internal sealed record IamStatement(string Sid, string Effect, IReadOnlyList<string> Actions, YamlNode? Resource, string? Condition, YamlMappingNode Node)
{
    /// <summary>The role's own Policies and every AWS::IAM::RolePolicy attached to it (RoleName: !Ref role).</summary>
    public static IReadOnlyList<IamStatement> OfRole(CloudFormationTemplate template, string roleId)
    {
        var documents = template.Properties(roleId).Sequence("Policies").Children.Cast<YamlMappingNode>().Select(policy => policy.Map("PolicyDocument"))
            .Concat(template.ResourcesOfType("AWS::IAM::RolePolicy").Where(p => p.Properties.Find("RoleName") is { } role && role.Refers(roleId)).Select(p => p.Properties.Map("PolicyDocument")));
        return [.. documents.SelectMany(Of)];
    }

    public static IReadOnlyList<IamStatement> Of(YamlMappingNode policyDocument)
    {
        var statements = new List<IamStatement>();
        foreach (var item in policyDocument.Sequence("Statement").Children)
        {
            Collect(statements, item, condition: null);
        }

        return statements;
    }

    /// <summary>Key use the guard needs to publish to its encrypted topic: a grant on AlertTopicKey.</summary>
    public bool IsAlertTopicKeyUse => Resource is { } resource && resource.Refers("AlertTopicKey");

    /// <summary>A KMS action that is not a read (Describe*, Get*, List*).</summary>
    public static bool IsKmsWrite(string action) =>
        action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase)
        && !action.StartsWith("kms:Describe", StringComparison.OrdinalIgnoreCase)
        && !action.StartsWith("kms:Get", StringComparison.OrdinalIgnoreCase)
        && !action.StartsWith("kms:List", StringComparison.OrdinalIgnoreCase);

    /// <summary>The statement's condition block for one operator (StringEquals, Bool, ArnEquals ...), or null.</summary>
    public YamlMappingNode? ConditionBlock(string conditionOperator) =>
        Node.Find("Condition") is YamlMappingNode conditions ? conditions.Find(conditionOperator) as YamlMappingNode : null;

    private static void Collect(List<IamStatement> statements, YamlNode item, string? condition)
    {
        switch (item.Intrinsic())
        {
            case "!If" when item is YamlSequenceNode { Children: [YamlScalarNode { Value: { } name }, var whenTrue, var whenFalse] }:
                Collect(statements, whenTrue, condition is null ? name : $"{condition} & {name}");
                Collect(statements, whenFalse, condition is null ? "!" + name : $"{condition} & !{name}");
                return;
            case "!Ref" when item is YamlScalarNode { Value: "AWS::NoValue" }:
                return;
            case null when item is YamlMappingNode statement:
                statements.Add(new IamStatement(
                    statement.ScalarOrNull("Sid") ?? $"(statement at {statement.Start})",
                    statement.Scalar("Effect"),
                    statement.Find("Action")?.Strings() ?? [],
                    statement.Find("Resource"),
                    condition,
                    statement));
                return;
            default:
                throw new InvalidOperationException($"Cannot read the policy statement at {item.Start} ({item.Intrinsic() ?? "plain"}).");
        }
    }
}
