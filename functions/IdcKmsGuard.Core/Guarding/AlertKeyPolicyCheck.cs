using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Whether the alert topic's key policy still lets everyone who sends through the topic use the key: the guard's role
/// (through SNS, as the publisher), CloudWatch (the alarms) and EventBridge (the tripwires). A statement edited away or
/// a Deny added silences them as surely as disabling the key, and the key stays Enabled.
/// </summary>
internal sealed class AlertKeyPolicyCheck(IKeyStore keys, GuardOptions options)
{
    private static readonly string[] Actions = ["kms:GenerateDataKey", "kms:Decrypt"];

    /// <exception cref="AwsCallException">A failure that may pass: the sweep is delivered again.</exception>
    public async Task<IReadOnlyList<string>> ProblemsAsync(KeyArn topicKey, CancellationToken cancellationToken)
    {
        string document;
        try
        {
            document = await keys.GetKeyPolicyAsync(topicKey, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (!e.IsTransient)
        {
            return [$"the guard cannot read the policy of the alert topic's key {topicKey} ({e.Operation}: {e.ErrorCode}), "
                + "so it cannot tell whether alerts still go out"];
        }

        Policy.Model.KeyPolicy policy;
        try
        {
            policy = KeyPolicyParser.Parse(document);
        }
        catch (PolicyParseException e)
        {
            return [$"the policy of the alert topic's key {topicKey} cannot be read as a key policy ({e.Message})"];
        }

        var problems = new List<string>();
        foreach (var (sender, principal, context) in Senders(topicKey))
        {
            var refused = Actions
                .Where(action => !PolicyEvaluator.Evaluate(policy, new PolicyRequest(principal, action, topicKey.ToString(), context)).IsAllowed)
                .ToList();
            if (refused.Count > 0)
            {
                problems.Add($"the policy of the alert topic's key {topicKey} no longer lets {sender} use it ({string.Join(", ", refused)} refused): "
                    + "what they send through the topic is dropped");
            }
        }

        return problems;
    }

    private IEnumerable<(string Sender, PolicyPrincipal Principal, RequestContext Context)> Senders(KeyArn topicKey)
    {
        var sameAccount = RequestContext.Empty.With("aws:SourceAccount", topicKey.Account);
        if (options.GuardRoleArn is { } role)
        {
            yield return ("the guard's role (its alerts)", new IamPrincipal(role, topicKey.Account, options.OrgId),
                RequestContext.Empty.With("kms:ViaService", $"sns.{topicKey.Region}.amazonaws.com"));
        }

        yield return ("CloudWatch (the guard's alarms)", new ServicePrincipal("cloudwatch.amazonaws.com"), sameAccount);
        yield return ("EventBridge (the tripwires)", new ServicePrincipal("events.amazonaws.com"), sameAccount);
    }
}
