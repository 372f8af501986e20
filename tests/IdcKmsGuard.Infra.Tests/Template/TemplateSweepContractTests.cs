using System.Text.Json;
using IdcKmsGuard.Core.Metrics;
using IdcKmsGuard.Infra.Tests.Support.Templates;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>The sweep's schedule, its heartbeat alarm, and the dashboard over the metrics the function emits.</summary>
public sealed class TemplateSweepContractTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Guard;

    [Fact]
    public void Sweep_ShouldRunOnTheScheduleParameterHourlyByDefault()
    {
        var sweep = Template.Properties(EventRule.GuardFunction).Map("Events").Map("Sweep");

        Assert.Equal("Schedule", sweep.Scalar("Type"));
        Assert.True(sweep.Map("Properties").Find("Schedule")!.Refers("SweepSchedule"));
        Assert.Equal("rate(1 hour)", Template.Parameter("SweepSchedule").Scalar("Default"));
        Assert.True(sweep.Map("Properties").Map("DeadLetterConfig").Find("Arn")!.Refers("DeadLetterQueue"), "A sweep that keeps failing must leave its event where someone looks.");
    }

    [Theory]
    [InlineData("rate(1 hour)", true)]
    [InlineData("rate(5 minutes)", true)]
    [InlineData("rate(59 minutes)", true)]
    [InlineData("rate(1 minute)", false)]
    [InlineData("rate(4 minutes)", false)]
    [InlineData("rate(2 hours)", false)]
    [InlineData("cron(0 * * * ? *)", false)]
    public void SweepSchedule_ShouldAcceptOnlyWhatTheHeartbeatCanWatch(string schedule, bool accepted)
    {
        var pattern = Template.Parameter("SweepSchedule").Scalar("AllowedPattern");

        Assert.Equal(accepted, System.Text.RegularExpressions.Regex.IsMatch(schedule, pattern));
    }

    // SweepsCompleted can be written by anyone with cloudwatch:PutMetricData; AWS/Events cannot. The alarm takes the
    // lesser of the two, so a forged heartbeat does not hide a schedule rule that stopped, and neither hides the other.
    [Fact]
    public void HeartbeatAlarm_ShouldFireWhenEitherTheSweepsCompletedOrTheSweepRulesOwnInvocationsGoMissing()
    {
        var alarm = Template.Properties("SweepHeartbeatAlarm");
        var queries = alarm.Sequence("Metrics").Children.Cast<YamlMappingNode>().ToDictionary(q => q.Scalar("Id"), StringComparer.Ordinal);
        YamlMappingNode Metric(string id) => queries[id].Map("MetricStat").Map("Metric");

        var expression = Assert.Single(queries.Values, q => q.ScalarOrNull("ReturnData") == "true").Scalar("Expression");
        Assert.Equal("MIN([FILL(completed, 0), FILL(scheduled, 0)])", expression);
        Assert.Equal((EmbeddedMetrics.Namespace, EmbeddedMetrics.SweepsCompleted), (Metric("completed").Scalar("Namespace"), Metric("completed").Scalar("MetricName")));
        var service = (YamlScalarNode)((YamlMappingNode)Metric("completed").Sequence("Dimensions").Children.Single()).Find("Value")!;
        Assert.Equal(("!Ref", "AWS::StackName"), (service.Intrinsic(), service.Value));
        Assert.Equal(("AWS/Events", "Invocations"), (Metric("scheduled").Scalar("Namespace"), Metric("scheduled").Scalar("MetricName")));
        var sweepRule = Template.Properties(EventRule.GuardFunction).Map("Events").Map("Sweep").Map("Properties").Scalar("Name");
        Assert.Equal(sweepRule, ((YamlMappingNode)Metric("scheduled").Sequence("Dimensions").Children.Single()).Scalar("Value"));
        Assert.Equal(("breaching", "LessThanThreshold", "1"), (alarm.Scalar("TreatMissingData"), alarm.Scalar("ComparisonOperator"), alarm.Scalar("Threshold")));
        // The function's metrics carry its service name as the dimension: the stack's, so each stack's heartbeat is its own.
        var emitted = (YamlScalarNode)Template.Properties(EventRule.GuardFunction).Map("Environment").Map("Variables").Find("POWERTOOLS_SERVICE_NAME")!;
        Assert.Equal(("!Ref", "AWS::StackName"), (emitted.Intrinsic(), emitted.Value));
    }

    [Fact]
    public void Dashboard_ShouldBeValidJsonNamingOnlyMetricsTheGuardEmits()
    {
        var body = ((YamlScalarNode)Template.Properties("Dashboard").Find("DashboardBody")!).Value!
            .Replace("${AWS::Region}", "us-east-1", StringComparison.Ordinal)
            .Replace("${GuardFunction}", "guard", StringComparison.Ordinal)
            .Replace("${AWS::StackName}", "guard-prod", StringComparison.Ordinal);

        using var dashboard = JsonDocument.Parse(body);

        var named = dashboard.RootElement.GetProperty("widgets").EnumerateArray()
            .SelectMany(w => w.GetProperty("properties").GetProperty("metrics").EnumerateArray())
            .Select(m => m[0])
            .Where(first => first.ValueKind == JsonValueKind.String && first.GetString() == EmbeddedMetrics.Namespace)
            .ToList();
        Assert.NotEmpty(named);
        Assert.Contains("Violations", body, StringComparison.Ordinal);
        Assert.Contains("Remediations", body, StringComparison.Ordinal);
    }
}
