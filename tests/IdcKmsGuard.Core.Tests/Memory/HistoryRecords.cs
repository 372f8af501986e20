using System.Globalization;
using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Tests.Guarding;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>
/// The CloudTrail records a history's changes leave, made from the recorded samples in events/ with the actor, the
/// event id, the time and (for PutKeyPolicy) the policy of the change; and the policies a history puts on the key.
/// </summary>
internal static class HistoryRecords
{
    private const string Account = "111122223333";

    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        ["DisableKey"] = "kms-disable-key.json",
        ["EnableKey"] = "kms-enable-key.json",
        ["ScheduleKeyDeletion"] = "kms-schedule-key-deletion.json",
        ["CancelKeyDeletion"] = "kms-cancel-key-deletion.json",
        ["PutKeyPolicy"] = "kms-put-key-policy.json",
        ["DisableKeyRotation"] = "kms-disable-key-rotation.json",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string>> TemplateTexts = new(() =>
        Templates.ToDictionary(t => t.Key, t => File.ReadAllText(RepoPaths.EventFile(t.Value)), StringComparer.Ordinal));

    public static string Baseline { get; } = File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json"));

    public static string LockedOut { get; } = Without("AllowIdentityCenterAndIdentityStoreToUseKey");

    public static string LockedOutOtherwise { get; } = Without("AllowIdentityCenterAndIdentityStoreToUseKey", "AllowIdentityCenterAndIdentityStoreToDescribeKey");

    public static string PolicyText(PolicyKind kind) => kind switch
    {
        PolicyKind.LockedOut => LockedOut,
        PolicyKind.LockedOutOtherwise => LockedOutOtherwise,
        _ => Baseline,
    };

    public static PolicyKind KindOf(string policy) =>
        policy == Baseline ? PolicyKind.Baseline
        : policy == LockedOut ? PolicyKind.LockedOut
        : policy == LockedOutOtherwise ? PolicyKind.LockedOutOtherwise
        : PolicyKind.Repaired;

    /// <param name="policy">The policy a PutKeyPolicy put; null for other calls.</param>
    public static string Record(KeyChange change, string? policy)
    {
        var record = JsonNode.Parse(TemplateTexts.Value[change.EventName])!;
        var time = change.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        record["id"] = $"eventbridge-{change.Id}";
        record["time"] = time;
        var detail = record["detail"]!;
        detail["eventID"] = change.Id;
        detail["eventTime"] = time;
        detail["userIdentity"] = Identity(change.Who);
        if (policy is not null)
        {
            detail["requestParameters"]!["policy"] = policy;
        }

        return record.ToJsonString();
    }

    private static JsonObject Identity(ChangeActor who) => who switch
    {
        ChangeActor.BreakGlass => AssumedRole("aws-reserved/sso.amazonaws.com/", "AWSReservedSSO_BreakGlass_0123456789abcdef", "oncall@example.com"),
        ChangeActor.Developer => AssumedRole("aws-reserved/sso.amazonaws.com/", "AWSReservedSSO_Developer_0123456789abcdef", "dev@example.com"),
        ChangeActor.Guard => AssumedRole("idckmsguard/", "IdcKmsGuardFunctionRole", "idckmsguard"),
        _ => new JsonObject
        {
            ["type"] = "IAMUser",
            ["principalId"] = "AIDAEXAMPLEOPS",
            ["arn"] = $"arn:aws:iam::{Account}:user/ops-automation",
            ["accountId"] = Account,
            ["userName"] = "ops-automation",
        },
    };

    private static JsonObject AssumedRole(string path, string role, string session) => new()
    {
        ["type"] = "AssumedRole",
        ["principalId"] = $"AROAEXAMPLE:{session}",
        ["arn"] = $"arn:aws:sts::{Account}:assumed-role/{role}/{session}",
        ["accountId"] = Account,
        ["sessionContext"] = new JsonObject
        {
            ["sessionIssuer"] = new JsonObject
            {
                ["type"] = "Role",
                ["principalId"] = "AROAEXAMPLE",
                ["arn"] = $"arn:aws:iam::{Account}:role/{path}{role}",
                ["accountId"] = Account,
                ["userName"] = role,
            },
            ["attributes"] = new JsonObject { ["mfaAuthenticated"] = "false" },
        },
    };

    private static string Without(params string[] sids)
    {
        var policy = JsonNode.Parse(Baseline)!;
        var statements = policy["Statement"]!.AsArray();
        foreach (var statement in statements.Where(s => sids.Contains((string?)s!["Sid"])).ToList())
        {
            statements.Remove(statement);
        }

        return policy.ToJsonString();
    }

    /// <summary>The guard's role, as <see cref="GuardScenario"/> configures it.</summary>
    public static string GuardRoleArn => GuardScenario.GuardRoleArn;
}
