using Amazon.SimpleSystemsManagement.Model;
using IdcKmsGuard.Aws.Deployment;
using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Cli.Doctor;

/// <summary>What the stack made, compared with what runs now: rules, queues, subscriptions, configuration, function.</summary>
internal sealed class StackChecks(DeploymentReaders aws, StackDescription stack)
{
    public const string RulesTitle = "The guard's rules are enabled and send to its function and queue";
    public const string QueuesTitle = "The function takes its follow-up and refusal queues";
    public const string SubscribedTitle = "The alert topic has a confirmed subscription";
    public const string ConfigurationTitle = "The configuration parameter parses";
    public const string FunctionTitle = "The function's settings match the stack";

    private Task<FunctionConfiguration>? functionRead;

    private string Redeploy =>
        $"aws cloudformation deploy --stack-name {stack.StackName} --template-file <the release's template> (restores what the stack made)";

    public async Task<DoctorCheck> RulesAsync(CancellationToken cancellationToken)
    {
        var function = await FunctionAsync(cancellationToken).ConfigureAwait(false);
        // Each problem with the command that fixes it, or null when only a redeploy restores what the stack made.
        var problems = new List<(string Problem, string? Fix)>();
        await CheckRulesAsync(DeployedRules.ToFunction, function.FunctionArn, problems, cancellationToken).ConfigureAwait(false);
        await CheckRulesAsync(DeployedRules.ToRefusalQueue, Output("KeyUseFailureQueueArn"), problems, cancellationToken).ConfigureAwait(false);
        var count = DeployedRules.ToFunction.Count + DeployedRules.ToRefusalQueue.Count;
        return problems.Count == 0
            ? DoctorCheck.Pass("RULES", RulesTitle, $"{count} rules enabled, each with its target")
            : DoctorCheck.Fail("RULES", RulesTitle, string.Join("; ", problems.Select(p => p.Problem)),
                problems.All(p => p.Fix is not null) ? string.Join(" && ", problems.Select(p => p.Fix)) : Redeploy);
    }

    private async Task CheckRulesAsync(IReadOnlyList<DeployedRule> rules, string target, List<(string, string?)> problems, CancellationToken cancellationToken)
    {
        var targeting = await aws.Rules.RulesTargetingAsync(target, cancellationToken).ConfigureAwait(false);
        foreach (var rule in rules)
        {
            var name = $"{stack.StackName}-{rule.Suffix}";
            if (!targeting.Contains(name, StringComparer.Ordinal))
            {
                problems.Add(($"rule {name} is missing or no longer sends to {target}", null));
            }
            else if ((await aws.Rules.DescribeRuleAsync(name, cancellationToken).ConfigureAwait(false)).State is var state && !rule.States.Contains(state))
            {
                problems.Add(($"rule {name} is {state}, it must be {string.Join(" or ", rule.States)}",
                    rule.States.Contains("ENABLED") ? $"aws events enable-rule --name {name}" : null));
            }
        }
    }

    public async Task<DoctorCheck> QueuesAsync(CancellationToken cancellationToken)
    {
        var mappings = await aws.Functions.EventSourceMappingsAsync(Output("GuardFunctionName"), cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        foreach (var queue in new[] { Output("FollowUpQueueArn"), Output("KeyUseFailureQueueArn") })
        {
            var mapping = mappings.FirstOrDefault(m => m.EventSourceArn == queue);
            if (mapping is null)
            {
                problems.Add($"no event source mapping takes {queue}");
            }
            else if (mapping.State is not ("Enabled" or "Enabling" or "Updating"))
            {
                problems.Add($"the mapping {mapping.UUID} of {queue} is {mapping.State}");
            }
        }

        return problems.Count == 0
            ? DoctorCheck.Pass("QUEUES", QueuesTitle, "both queues are mapped and enabled")
            : DoctorCheck.Fail("QUEUES", QueuesTitle, string.Join("; ", problems),
                string.Join(" && ", mappings.Where(m => m.State == "Disabled").Select(m => $"aws lambda update-event-source-mapping --uuid {m.UUID} --enabled"))
                    is { Length: > 0 } enable ? enable : Redeploy);
    }

    public async Task<DoctorCheck> SubscribedAsync(CancellationToken cancellationToken)
    {
        var topic = Output("AlertTopicArn");
        var attributes = await aws.Topics.GetTopicAttributesAsync(topic, cancellationToken).ConfigureAwait(false);
        var confirmed = attributes.TryGetValue("SubscriptionsConfirmed", out var text) && int.TryParse(text, out var n) ? n : 0;
        return confirmed > 0
            ? DoctorCheck.Pass("SUBSCRIBED", SubscribedTitle, $"{confirmed} confirmed subscription(s) on {topic}")
            : DoctorCheck.Fail("SUBSCRIBED", SubscribedTitle, $"nobody receives the alerts of {topic}",
                $"aws sns subscribe --topic-arn {topic} --protocol email --notification-endpoint <on-call address> (then confirm the e-mail)");
    }

    public async Task<DoctorCheck> ConfigurationAsync(CancellationToken cancellationToken)
    {
        var name = Output("ConfigurationParameter");
        const string Fix = "idckmsguard rules validate <file> && aws ssm put-parameter --overwrite --name {0} --value file://<file>";
        try
        {
            var parameter = await aws.Parameters.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, cancellationToken)
                .ConfigureAwait(false);
            ConfigurationParser.Parse(parameter.Parameter.Value ?? string.Empty);
            return DoctorCheck.Pass("CONFIGURATION", ConfigurationTitle, $"{name} (version {parameter.Parameter.Version}) is valid");
        }
        catch (ParameterNotFoundException)
        {
            var detail = $"{name} does not exist: the guard runs on its defaults";
            return DoctorCheck.Fail("CONFIGURATION", ConfigurationTitle, detail, string.Format(null, Fix, name));
        }
        catch (ConfigurationException e)
        {
            var detail = $"{name}: {e.Message} (the guard keeps its last valid version)";
            return DoctorCheck.Fail("CONFIGURATION", ConfigurationTitle, detail, string.Format(null, Fix, name));
        }
    }

    public async Task<DoctorCheck> FunctionSettingsAsync(CancellationToken cancellationToken)
    {
        var function = await FunctionAsync(cancellationToken).ConfigureAwait(false);
        var variables = function.Environment?.Variables ?? new Dictionary<string, string>();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ALERT_TOPIC_ARN"] = Output("AlertTopicArn"),
            ["STATE_TABLE"] = Output("StateTableName"),
            ["CONFIGURATION_PARAMETER"] = Output("ConfigurationParameter"),
            ["GUARD_ROLE_ARN"] = Output("GuardFunctionRoleArn"),
            ["OWN_QUEUE_ARNS"] = $"{Output("FollowUpQueueArn")},{Output("KeyUseFailureQueueArn")}",
            ["POWERTOOLS_SERVICE_NAME"] = stack.StackName,
        };
        if (stack.Parameters.TryGetValue("RemediationMode", out var mode))
        {
            expected["REMEDIATION_MODE"] = mode;
        }

        var drift = expected.Where(e => !variables.TryGetValue(e.Key, out var actual) || actual != e.Value)
            .Select(e => $"{e.Key} is '{variables.GetValueOrDefault(e.Key) ?? "(unset)"}', the stack says '{e.Value}'")
            .ToList();
        if (function.State is { } state && state != "Active")
        {
            drift.Add($"the function is {state}");
        }

        return drift.Count == 0
            ? DoctorCheck.Pass("FUNCTION", FunctionTitle, $"{function.FunctionName}: {expected.Count} settings as deployed")
            : DoctorCheck.Fail("FUNCTION", FunctionTitle, string.Join("; ", drift), Redeploy);
    }

    // RULES and FUNCTION both need the function's configuration: it is read once.
    private Task<FunctionConfiguration> FunctionAsync(CancellationToken cancellationToken) =>
        functionRead ??= aws.Functions.GetFunctionConfigurationAsync(Output("GuardFunctionName"), cancellationToken);

    private string Output(string key) =>
        stack.Outputs.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"the stack {stack.StackName} has no output {key}: is it an IdcKmsGuard stack of this version?");
}
