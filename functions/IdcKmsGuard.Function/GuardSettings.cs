using IdcKmsGuard.Lambda.Runtime;

namespace IdcKmsGuard.Function;

/// <summary>The function's configuration, read once at start-up; a bad value fails init with a clear message.</summary>
internal sealed record GuardSettings(
    string Region,
    string AlertTopicArn,
    bool RemediationEnabled,
    string? GuardRoleArn,
    string? OrgId = null,
    IReadOnlyList<string>? DelegatedAdminAccounts = null)
{
    /// <summary>The SSM parameter holding the tunable configuration (null: the defaults).</summary>
    public string? ConfigurationParameter { get; init; }

    /// <summary>The DynamoDB table for handled events, known good policies and alert suppression (null: stateless).</summary>
    public string? StateTable { get; init; }

    /// <summary>The deployment lets the guard switch Identity Center back to an approved key.</summary>
    public bool MaySwitchEncryption { get; init; }

    /// <summary>The SQS queue for re-checks of a key switch still UPDATING (null: none; the alert says to check by hand).</summary>
    public string? FollowUpQueueUrl { get; init; }

    /// <summary>Lambda's deliveries of one event: MaximumRetryAttempts + 1 (the template sets both from one value).</summary>
    public int DeliveryAttempts { get; init; } = 3;

    /// <summary>SQS's deliveries of one follow-up: the follow-up queue's maxReceiveCount.</summary>
    public int FollowUpAttempts { get; init; } = 5;

    /// <summary>The key that encrypts the alert topic: the sweep checks it (null: not checked).</summary>
    public Core.Keys.KeyArn? AlertTopicKeyArn { get; init; }

    public const string AlertTopicKeyArnVariable = "ALERT_TOPIC_KEY_ARN";

    public const string FollowUpQueueUrlVariable = "FOLLOW_UP_QUEUE_URL";
    public const string DeliveryAttemptsVariable = "DELIVERY_ATTEMPTS";
    public const string FollowUpAttemptsVariable = "FOLLOW_UP_ATTEMPTS";
    public const string EncryptionRemediationVariable = "ENCRYPTION_REMEDIATION";
    public const string AlertTopicArnVariable = "ALERT_TOPIC_ARN";
    public const string RemediationModeVariable = "REMEDIATION_MODE";
    public const string GuardRoleArnVariable = "GUARD_ROLE_ARN";
    public const string RegionVariable = "AWS_REGION";
    public const string OrgIdVariable = "ORGANIZATION_ID";
    public const string DelegatedAdminsVariable = "DELEGATED_ADMIN_ACCOUNTS";
    public const string ConfigurationParameterVariable = "CONFIGURATION_PARAMETER";
    public const string StateTableVariable = "STATE_TABLE";

    public static GuardSettings FromEnvironment(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var region = Required(environment, RegionVariable);
        var topic = Required(environment, AlertTopicArnVariable);
        if (!topic.StartsWith("arn:", StringComparison.Ordinal) || topic.Split(':').Length != 6)
        {
            throw new InvalidOperationException($"{AlertTopicArnVariable} must be an SNS topic ARN, not '{topic}'.");
        }

        var mode = environment.GetVariable(RemediationModeVariable) ?? "alert";
        var remediate = mode switch
        {
            "remediate" => true,
            "alert" => false,
            _ => throw new InvalidOperationException($"{RemediationModeVariable} must be 'remediate' or 'alert', not '{mode}'."),
        };

        var encryption = environment.GetVariable(EncryptionRemediationVariable) ?? "disabled";
        var maySwitch = encryption switch
        {
            "enabled" => true,
            "disabled" => false,
            _ => throw new InvalidOperationException($"{EncryptionRemediationVariable} must be 'enabled' or 'disabled', not '{encryption}'."),
        };

        var orgId = environment.GetVariable(OrgIdVariable) is { Length: > 0 } org ? org : null;
        if (orgId is not null && !orgId.StartsWith("o-", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{OrgIdVariable} must be an organization id (o-...), not '{orgId}'.");
        }

        var delegated = (environment.GetVariable(DelegatedAdminsVariable) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (delegated.FirstOrDefault(a => a.Length != 12 || !a.All(char.IsAsciiDigit)) is { } bad)
        {
            throw new InvalidOperationException($"{DelegatedAdminsVariable} must list 12-digit account ids separated by commas; '{bad}' is not one.");
        }

        return new GuardSettings(
            region,
            topic,
            remediate,
            environment.GetVariable(GuardRoleArnVariable) is { Length: > 0 } role ? role : null,
            orgId,
            delegated)
        {
            ConfigurationParameter = environment.GetVariable(ConfigurationParameterVariable) is { Length: > 0 } parameter ? parameter : null,
            StateTable = environment.GetVariable(StateTableVariable) is { Length: > 0 } table ? table : null,
            MaySwitchEncryption = remediate && maySwitch,
            FollowUpQueueUrl = environment.GetVariable(FollowUpQueueUrlVariable) is { Length: > 0 } queue ? queue : null,
            DeliveryAttempts = Count(environment, DeliveryAttemptsVariable, 3),
            FollowUpAttempts = Count(environment, FollowUpAttemptsVariable, 5),
            AlertTopicKeyArn = environment.GetVariable(AlertTopicKeyArnVariable) is { Length: > 0 } topicKey
                ? Core.Keys.KeyArn.TryParse(topicKey, out var topicKeyArn)
                    ? topicKeyArn
                    : throw new InvalidOperationException($"{AlertTopicKeyArnVariable} must be a KMS key ARN, not '{topicKey}'.")
                : null,
        };
    }

    private static int Count(IEnvironmentVariables environment, string name, int standard) =>
        environment.GetVariable(name) is not { Length: > 0 } text
            ? standard
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
                && count is >= 1 and <= 1000
                ? count
                : throw new InvalidOperationException($"{name} must be a whole number from 1 to 1000, not '{text}'.");

    private static string Required(IEnvironmentVariables environment, string name) =>
        environment.GetVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set.");
}
