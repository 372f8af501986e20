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

    [Fact]
    public void HeartbeatAlarm_ShouldFireWhenTheSweepsCompletedMetricGoesMissing()
    {
        var alarm = Template.Properties("SweepHeartbeatAlarm");

        Assert.Equal((EmbeddedMetrics.Namespace, EmbeddedMetrics.SweepsCompleted), (alarm.Scalar("Namespace"), alarm.Scalar("MetricName")));
        Assert.Equal("breaching", alarm.Scalar("TreatMissingData"));
        Assert.Equal("LessThanThreshold", alarm.Scalar("ComparisonOperator"));
        Assert.Equal("idckmsguard", ((YamlMappingNode)alarm.Sequence("Dimensions").Children.Single()).Scalar("Value"));
        Assert.Equal("idckmsguard", Template.Properties(EventRule.GuardFunction).Map("Environment").Map("Variables").Scalar("POWERTOOLS_SERVICE_NAME"));
    }

    [Fact]
    public void Dashboard_ShouldBeValidJsonNamingOnlyMetricsTheGuardEmits()
    {
        var body = ((YamlScalarNode)Template.Properties("Dashboard").Find("DashboardBody")!).Value!
            .Replace("${AWS::Region}", "us-east-1", StringComparison.Ordinal)
            .Replace("${GuardFunction}", "guard", StringComparison.Ordinal);

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
