using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Aws.Deployment;

/// <summary>
/// The EventBridge rule reads `doctor` makes, in place of AWSSDK.EventBridge (not served by our package source).
/// Swapping in the SDK later means replacing this class.
/// </summary>
public sealed class EventBridgeRulesClient(AwsHttpClient http, string region)
{
    private readonly JsonProtocolClient client = new(http, AwsService.EventBridge, "AWSEvents", region);

    /// <returns>The names of the default bus's rules that send to this ARN.</returns>
    public async Task<IReadOnlyList<string>> RulesTargetingAsync(string targetArn, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? next = null;
        do
        {
            var page = await client.InvokeAsync(
                "ListRuleNamesByTarget",
                new RulesByTargetRequest(targetArn, next),
                DeploymentJsonContext.Default.RulesByTargetRequest,
                DeploymentJsonContext.Default.RulesByTargetResponse,
                targetArn,
                cancellationToken).ConfigureAwait(false);
            names.AddRange(page.RuleNames ?? []);
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        return names;
    }

    public Task<RuleDescription> DescribeRuleAsync(string name, CancellationToken cancellationToken) =>
        client.InvokeAsync(
            "DescribeRule",
            new RuleRequest(Name: name),
            DeploymentJsonContext.Default.RuleRequest,
            DeploymentJsonContext.Default.RuleDescription,
            name,
            cancellationToken);

    public async Task<IReadOnlyList<RuleTarget>> TargetsOfAsync(string rule, CancellationToken cancellationToken) =>
        (await client.InvokeAsync(
            "ListTargetsByRule",
            new RuleRequest(Rule: rule),
            DeploymentJsonContext.Default.RuleRequest,
            DeploymentJsonContext.Default.RuleTargets,
            rule,
            cancellationToken).ConfigureAwait(false)).Targets ?? [];
}
