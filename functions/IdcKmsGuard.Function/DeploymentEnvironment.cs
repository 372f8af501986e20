using System.Globalization;
using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Lambda.Runtime;

namespace IdcKmsGuard.Function;

/// <summary>The function's deployment, read from its environment once at start-up; a bad value fails init with a clear message.</summary>
internal static class DeploymentEnvironment
{
    public const string RegionVariable = "AWS_REGION";
    public const string AlertTopicArnVariable = "ALERT_TOPIC_ARN";
    public const string AlertTopicKeyArnVariable = "ALERT_TOPIC_KEY_ARN";
    public const string RemediationModeVariable = "REMEDIATION_MODE";
    public const string EncryptionRemediationVariable = "ENCRYPTION_REMEDIATION";

    /// <summary>The keys the guard may switch Identity Center to, comma-separated (the stack's SwitchTargetKeys); empty or
    /// not set: none, so that a configuration edit alone never makes a key a target.</summary>
    public const string SwitchTargetKeysVariable = "SWITCH_TARGET_KEYS";
    public const string GuardRoleArnVariable = "GUARD_ROLE_ARN";
    public const string OrgIdVariable = "ORGANIZATION_ID";
    public const string DelegatedAdminsVariable = "DELEGATED_ADMIN_ACCOUNTS";
    public const string ConfigurationParameterVariable = "CONFIGURATION_PARAMETER";
    public const string StateTableVariable = "STATE_TABLE";
    public const string FollowUpQueueUrlVariable = "FOLLOW_UP_QUEUE_URL";

    /// <summary>The ARNs of the queues the function takes batches from, comma-separated: any other batch is refused.</summary>
    public const string OwnQueueArnsVariable = "OWN_QUEUE_ARNS";

    /// <summary>Lambda's deliveries of one event: MaximumRetryAttempts + 1 (the template sets both from one value).</summary>
    public const string DeliveryAttemptsVariable = "DELIVERY_ATTEMPTS";

    /// <summary>SQS's deliveries of one follow-up: the follow-up queue's maxReceiveCount.</summary>
    public const string FollowUpAttemptsVariable = "FOLLOW_UP_ATTEMPTS";

    /// <summary>The longest a suspend tag may hold remediation back, in days (the template's MaxSuspensionDays).</summary>
    public const string MaxSuspensionDaysVariable = "MAX_SUSPENSION_DAYS";

    /// <summary>Where alerts link each rule's runbook ({base}{RULE-ID}.md); unset or empty: the repository's path.</summary>
    public const string RunbookBaseUrlVariable = "RUNBOOK_BASE_URL";

    /// <summary>"enabled": each incident becomes a Security Hub finding (the stack's SecurityHubFindings); unset: disabled.</summary>
    public const string SecurityHubFindingsVariable = "SECURITY_HUB_FINDINGS";

    /// <summary>The EventBridge bus each alert is put on, "default" (the stack's AlertEvents); unset or empty: none.</summary>
    public const string AlertEventBusVariable = "ALERT_EVENT_BUS";

    /// <summary>A name people know the account by, carried in every alert (the stack's AccountLabel); unset: none.</summary>
    public const string AccountLabelVariable = "ACCOUNT_LABEL";

    /// <summary>The alert document's major version, 2 or 1 (the stack's AlertSchemaVersion); unset: 2.</summary>
    public const string AlertSchemaVersionVariable = "ALERT_SCHEMA_VERSION";

    public static GuardDeployment Read(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var region = Required(environment, RegionVariable);
        var topic = Required(environment, AlertTopicArnVariable);
        if (!topic.StartsWith("arn:", StringComparison.Ordinal) || topic.Split(':').Length != 6)
        {
            throw new InvalidOperationException($"{AlertTopicArnVariable} must be an SNS topic ARN, not '{topic}'.");
        }

        return new GuardDeployment(region, topic, Options(environment, topic.Split(':')[4]))
        {
            ConfigurationParameter = Optional(environment, ConfigurationParameterVariable),
            StateTable = Optional(environment, StateTableVariable),
            FollowUpQueueUrl = Optional(environment, FollowUpQueueUrlVariable),
            SecurityHubFindings = (Optional(environment, SecurityHubFindingsVariable) ?? "disabled") switch
            {
                "enabled" => true,
                "disabled" => false,
                var other => throw new InvalidOperationException($"{SecurityHubFindingsVariable} must be 'enabled' or 'disabled', not '{other}'."),
            },
            AlertEventBus = Optional(environment, AlertEventBusVariable) is { } bus
                ? bus.Length <= 256 && bus.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or ':')
                    ? bus
                    : throw new InvalidOperationException($"{AlertEventBusVariable} must be an event bus name or ARN, not '{bus}'.")
                : null,
        };
    }

    /// <returns>The guard's own queues, or null when the deployment does not name them (nothing is checked).</returns>
    public static IReadOnlySet<string>? OwnQueues(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Optional(environment, OwnQueueArnsVariable) is not { } listed)
        {
            return null;
        }

        var arns = Listed(environment, OwnQueueArnsVariable);
        return arns.Length > 0 && arns.All(arn => arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Split(':') is [_, _, "sqs", _, _, _])
            ? arns.ToHashSet(StringComparer.Ordinal)
            : throw new InvalidOperationException($"{OwnQueueArnsVariable} must list SQS queue ARNs separated by commas, not '{listed}'.");
    }

    private static GuardOptions Options(IEnvironmentVariables environment, string account)
    {
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

        var orgId = Optional(environment, OrgIdVariable);
        if (orgId is not null && !orgId.StartsWith("o-", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{OrgIdVariable} must be an organization id (o-...), not '{orgId}'.");
        }

        var delegated = Listed(environment, DelegatedAdminsVariable);
        if (delegated.FirstOrDefault(a => a.Length != 12 || !a.All(char.IsAsciiDigit)) is { } bad)
        {
            throw new InvalidOperationException($"{DelegatedAdminsVariable} must list 12-digit account ids separated by commas; '{bad}' is not one.");
        }

        return new GuardOptions(remediate, Optional(environment, GuardRoleArnVariable), orgId, delegated)
        {
            MaySwitchEncryption = remediate && maySwitch,
            DeliveryAttempts = Count(environment, DeliveryAttemptsVariable, 3),
            FollowUpAttempts = Count(environment, FollowUpAttemptsVariable, 5),
            MaxSuspension = TimeSpan.FromDays(Count(environment, MaxSuspensionDaysVariable, 7)),
            SwitchTargets = [.. Listed(environment, SwitchTargetKeysVariable).Select(SwitchTarget)],
            AlertFormat = AlertFormat(environment, account),
            AlertTopicKeyArn = Optional(environment, AlertTopicKeyArnVariable) is { } topicKey
                ? KeyArn.TryParse(topicKey, out var topicKeyArn)
                    ? topicKeyArn
                    : throw new InvalidOperationException($"{AlertTopicKeyArnVariable} must be a KMS key ARN, not '{topicKey}'.")
                : null,
        };
    }

    private static AlertFormat AlertFormat(IEnvironmentVariables environment, string account) => new()
    {
        Runbooks = Optional(environment, RunbookBaseUrlVariable) is { } runbooks ? Runbooks(runbooks) : RunbookLinks.Default,
        Account = account,
        AccountLabel = Optional(environment, AccountLabelVariable) is { } label
            ? label.Length <= 64 && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' ')
                ? label
                : throw new InvalidOperationException(
                    $"{AccountLabelVariable} must be at most 64 letters, digits, spaces, '-', '_' or '.', not '{label}'.")
            : null,
        SchemaVersion = Optional(environment, AlertSchemaVersionVariable) switch
        {
            null or "2" => 2,
            "1" => 1,
            var other => throw new InvalidOperationException($"{AlertSchemaVersionVariable} must be 1 or 2, not '{other}'."),
        },
    };

    private static RunbookLinks Runbooks(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? new RunbookLinks(baseUrl)
            : throw new InvalidOperationException($"{RunbookBaseUrlVariable} must be an https URL, not '{baseUrl}'.");

    private static KeyArn SwitchTarget(string key) =>
        KeyArn.TryParse(key, out var arn)
            ? arn
            : throw new InvalidOperationException($"{SwitchTargetKeysVariable} must list KMS key ARNs separated by commas; '{key}' is not one.");

    // A comma-separated list; unset or empty: none.
    private static string[] Listed(IEnvironmentVariables environment, string name) =>
        (environment.GetVariable(name) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Count(IEnvironmentVariables environment, string name, int standard) =>
        Optional(environment, name) is not { } text
            ? standard
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 1000
                ? count
                : throw new InvalidOperationException($"{name} must be a whole number from 1 to 1000, not '{text}'.");

    private static string? Optional(IEnvironmentVariables environment, string name) =>
        environment.GetVariable(name) is { Length: > 0 } value ? value : null;

    private static string Required(IEnvironmentVariables environment, string name) =>
        Optional(environment, name) ?? throw new InvalidOperationException($"{name} is not set.");
}
