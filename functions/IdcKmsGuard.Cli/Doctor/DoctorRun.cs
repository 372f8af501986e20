using System.Text.Json;
using IdcKmsGuard.Aws.Deployment;
using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Cli.Doctor;

/// <summary>Every check, in the order an operator would look; a check that cannot read what it needs fails and says
/// why, and the others still run.</summary>
internal static class DoctorRun
{
    private const string StackTitle = "The stack exists and is complete";
    private const string ReadPermissions = "run doctor with credentials that may read the stack, its resources and CloudTrail (infra/docs/cli.md#doctor)";

    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(DeploymentReaders aws, string stackName, string region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var account = new AccountChecks(aws, region);
        var checks = new List<DoctorCheck>();
        StackDescription? stack = null;
        checks.Add(await Guarded("STACK", StackTitle, async () =>
        {
            try
            {
                stack = await aws.Stacks.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsCallException e) when (e.ErrorCode == "ValidationError" && e.Message.Contains("does not exist", StringComparison.Ordinal))
            {
                return DoctorCheck.Fail("STACK", StackTitle, $"no stack {stackName} in {region}",
                    "check --stack and --region (aws cloudformation list-stacks), or deploy the guard (README, Quickstart)");
            }

            return stack.Status.EndsWith("_COMPLETE", StringComparison.Ordinal) && !stack.Status.Contains("ROLLBACK", StringComparison.Ordinal)
                ? DoctorCheck.Pass("STACK", StackTitle, $"{stackName} is {stack.Status}")
                : DoctorCheck.Fail("STACK", StackTitle, $"{stackName} is {stack.Status}", $"aws cloudformation describe-stack-events --stack-name {stackName}");
        }).ConfigureAwait(false));
        checks.Add(await Guarded("TRAIL", AccountChecks.TrailTitle, () => account.TrailAsync(cancellationToken)).ConfigureAwait(false));
        checks.Add(await Guarded("KEY-TAGGED", AccountChecks.TaggedTitle, () => account.KeysTaggedAsync(cancellationToken)).ConfigureAwait(false));
        if (stack is null)
        {
            return checks;
        }

        var deployed = new StackChecks(aws, stack);
        checks.Add(await Guarded("RULES", StackChecks.RulesTitle, () => deployed.RulesAsync(cancellationToken)).ConfigureAwait(false));
        checks.Add(await Guarded("QUEUES", StackChecks.QueuesTitle, () => deployed.QueuesAsync(cancellationToken)).ConfigureAwait(false));
        checks.Add(await Guarded("SUBSCRIBED", StackChecks.SubscribedTitle, () => deployed.SubscribedAsync(cancellationToken)).ConfigureAwait(false));
        checks.Add(await Guarded("CONFIGURATION", StackChecks.ConfigurationTitle, () => deployed.ConfigurationAsync(cancellationToken)).ConfigureAwait(false));
        checks.Add(await Guarded("FUNCTION", StackChecks.FunctionTitle, () => deployed.FunctionSettingsAsync(cancellationToken)).ConfigureAwait(false));
        return checks;
    }

    private static async Task<DoctorCheck> Guarded(string id, string title, Func<Task<DoctorCheck>> check)
    {
        try
        {
            return await check().ConfigureAwait(false);
        }
        catch (Exception e) when (ExitCodes.IsAwsFailure(e) || e is InvalidOperationException or JsonException)
        {
            var reason = e is AwsCallException { ErrorCode: "AccessDenied" or "AccessDeniedException" } ? "access denied" : e.Message.ReplaceLineEndings(" ");
            return DoctorCheck.Fail(id, title, $"could not check: {reason}", ReadPermissions) with { Unchecked = true };
        }
    }
}
