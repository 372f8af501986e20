using IdcKmsGuard.Infra.Tests.Support.Templates;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>
/// Two stacks of the guard in one account and Region (a test stack beside production, one per team), and a stack
/// deleted and created again under its name: no name they could share, no metric one's heartbeat could hide the other's.
/// </summary>
public sealed class TemplateCoexistenceTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Guard;

    // The properties that give a resource its physical name, by resource type.
    private static readonly Dictionary<string, string[]> NameProperties = new(StringComparer.Ordinal)
    {
        ["AWS::SSM::Parameter"] = ["Name"],
        ["AWS::CloudWatch::Dashboard"] = ["DashboardName"],
        ["AWS::CloudWatch::Alarm"] = ["AlarmName"],
        ["AWS::Events::Rule"] = ["Name"],
        ["AWS::Logs::LogGroup"] = ["LogGroupName"],
        ["AWS::DynamoDB::Table"] = ["TableName"],
        ["AWS::SQS::Queue"] = ["QueueName"],
        ["AWS::SNS::Topic"] = ["TopicName"],
        ["AWS::KMS::Alias"] = ["AliasName"],
        ["AWS::IAM::Role"] = ["RoleName"],
        ["AWS::Serverless::Function"] = ["FunctionName"],
    };

    [Fact]
    public void EveryPhysicalName_ShouldBeCloudFormationsOrCarryTheStackName()
    {
        var fixedNames = new List<string>();
        foreach (var (id, node) in Template.Resources.Children.Select(r => (((YamlScalarNode)r.Key).Value!, (YamlMappingNode)r.Value)))
        {
            var type = node.Scalar("Type");
            var properties = node.Find("Properties") as YamlMappingNode;
            foreach (var name in NameProperties.GetValueOrDefault(type) ?? [])
            {
                if (properties?.Find(name) is { } value && !CarriesTheStackName(value))
                {
                    fixedNames.Add($"{id}.{name} = {value}");
                }
            }

            // SAM's EventBridgeRule and Schedule events name their rules with RuleName and Name.
            foreach (var trigger in (properties?.Find("Events") as YamlMappingNode)?.Children.Values.Cast<YamlMappingNode>() ?? [])
            {
                var triggerProperties = trigger.Map("Properties");
                foreach (var value in new[] { triggerProperties.Find("RuleName"), triggerProperties.Find("Name") }.OfType<YamlNode>())
                {
                    if (!CarriesTheStackName(value))
                    {
                        fixedNames.Add($"{id}.Events: {value}");
                    }
                }
            }
        }

        Assert.True(fixedNames.Count == 0, "names two stacks would share:\n" + string.Join("\n", fixedNames));
    }

    // A retained log group with a fixed name makes the next stack of that name fail to create.
    [Fact]
    public void RetainedResources_ShouldHaveNoNameOfTheirOwn()
    {
        var retained = Template.Resources.Children
            .Where(r => ((YamlMappingNode)r.Value).Find("DeletionPolicy")?.ToString() == "Retain")
            .Select(r => (Id: r.Key.ToString(), Node: (YamlMappingNode)r.Value))
            .ToList();

        Assert.NotEmpty(retained);
        Assert.All(retained, r => Assert.True(
            NameProperties.GetValueOrDefault(r.Node.Scalar("Type"))?.All(name => (r.Node.Find("Properties") as YamlMappingNode)?.Find(name) is null) ?? true,
            $"{r.Id} is retained and named: a stack created again under this name fails on it."));
    }

    [Fact]
    public void AlertEmail_ShouldBeRequiredUnlessSubscribingLaterIsSaidOutLoud()
    {
        var parameter = Template.Parameter("AlertEmail");
        var pattern = new System.Text.RegularExpressions.Regex(parameter.Scalar("AllowedPattern"));

        Assert.Null(parameter.Find("Default"));
        Assert.Matches(pattern, "oncall@example.com");
        Assert.Matches(pattern, "subscribe-later");
        Assert.DoesNotMatch(pattern, "");
        Assert.DoesNotMatch(pattern, "oncall");
    }

    // A parameter without a default is the deployer's choice; anything written into the template must name the stack.
    private static bool CarriesTheStackName(YamlNode value) => value switch
    {
        YamlScalarNode { Tag.Value: "!Sub" } sub => sub.Value!.Contains("${AWS::StackName}", StringComparison.Ordinal),
        YamlScalarNode { Tag.Value: "!Ref" } reference => Template.Root.Map("Parameters").Find(reference.Value!) is YamlMappingNode parameter
            && string.IsNullOrEmpty(parameter.ScalarOrNull("Default")),
        YamlSequenceNode { Tag.Value: "!If" } branches => branches.Children.Skip(1).All(CarriesTheStackName),
        _ => false,
    };
}
