using System.Globalization;
using System.Text.Json.Nodes;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>
/// The CloudTrail records a history's changes leave, made from the recorded samples in events/ with the world's key and
/// account, and the actor, the event id, the time and (for PutKeyPolicy) the policy of the change.
/// </summary>
internal static class HistoryRecords
{
    // What the recorded samples in events/ name: the documentation's account and a multi-Region key id.
    private const string Account = "111122223333";
    private const string TemplateKeyId = "mrk-1234abcd12ab34cd56ef1234567890ab";

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

    /// <param name="policy">The policy a PutKeyPolicy put; null for other calls.</param>
    /// <param name="world">Whose key and account the record names, and whose role the guard has.</param>
    public static string Record(KeyChange change, string? policy, IGuardWorld world)
    {
        var keyId = world.KeyArn[(world.KeyArn.LastIndexOf('/') + 1)..];
        var text = TemplateTexts.Value[change.EventName].Replace(TemplateKeyId, keyId, StringComparison.Ordinal).Replace(Account, world.Account, StringComparison.Ordinal);
        var record = JsonNode.Parse(text)!;
        var time = Time(change.At);
        record["id"] = $"eventbridge-{change.Id}";
        record["time"] = time;
        var detail = record["detail"]!;
        detail["eventID"] = change.Id;
        detail["eventTime"] = time;
        detail["userIdentity"] = Identity(change.Who, world);
        if (policy is not null)
        {
            detail["requestParameters"]!["policy"] = policy;
        }

        return record.ToJsonString();
    }

    // CloudTrail writes whole seconds; a history's clock may be finer (the stand-in runs on the real one), and its
    // records keep that precision so that two changes in one second stay in order.
    private static string Time(DateTimeOffset at) => at.Ticks % TimeSpan.TicksPerSecond == 0
        ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Identity(ChangeActor who, IGuardWorld world) => who switch
    {
        ChangeActor.BreakGlass => AssumedRole(world.Account, $"arn:aws:iam::{world.Account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_BreakGlass_0123456789abcdef", "oncall@example.com"),
        ChangeActor.Developer => AssumedRole(world.Account, $"arn:aws:iam::{world.Account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Developer_0123456789abcdef", "dev@example.com"),
        ChangeActor.Guard => AssumedRole(world.Account, world.GuardRoleArn, "idckmsguard"),
        _ => new JsonObject
        {
            ["type"] = "IAMUser",
            ["principalId"] = "AIDAEXAMPLEOPS",
            ["arn"] = $"arn:aws:iam::{world.Account}:user/ops-automation",
            ["accountId"] = world.Account,
            ["userName"] = "ops-automation",
        },
    };

    private static JsonObject AssumedRole(string account, string roleArn, string session)
    {
        var role = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        return new JsonObject
        {
            ["type"] = "AssumedRole",
            ["principalId"] = $"AROAEXAMPLE:{session}",
            ["arn"] = $"arn:aws:sts::{account}:assumed-role/{role}/{session}",
            ["accountId"] = account,
            ["sessionContext"] = new JsonObject
            {
                ["sessionIssuer"] = new JsonObject
                {
                    ["type"] = "Role",
                    ["principalId"] = "AROAEXAMPLE",
                    ["arn"] = roleArn,
                    ["accountId"] = account,
                    ["userName"] = role,
                },
                ["attributes"] = new JsonObject { ["mfaAuthenticated"] = "false" },
            },
        };
    }
}
