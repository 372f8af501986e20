namespace IdcKmsGuard.Cli.Doctor;

/// <summary>A rule template.yaml names after the stack (${AWS::StackName}-Suffix) and the state it must be in.</summary>
/// <param name="States">ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is the only state that delivers read-only calls.</param>
internal sealed record DeployedRule(string Suffix, IReadOnlyList<string> States);

/// <summary>The rules the guard depends on and what each sends to; a template test keeps these names, states and the
/// template's the same.</summary>
internal static class DeployedRules
{
    private static readonly string[] Enabled = ["ENABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"];

    /// <summary>Rules whose target is the guard's function: its API-call and service-event rules and the sweep's schedule.</summary>
    public static IReadOnlyList<DeployedRule> ToFunction { get; } =
        [new("KmsApiCalls", Enabled), new("KmsServiceEvents", Enabled), new("IdentityCenterApiCalls", Enabled), new("Sweep", Enabled)];

    /// <summary>The rule that queues Identity Center's refused key calls (read-only calls) for the function's batches.</summary>
    public static IReadOnlyList<DeployedRule> ToRefusalQueue { get; } = [new("KeyUseFailures", ["ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"])];
}
