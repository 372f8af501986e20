using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Requirements;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

/// <summary>The instance the policy commands run for (the documentation's placeholders) and the policies they read.</summary>
internal static class PolicyFixtures
{
    public const string Account = "111122223333";
    public const string OrgId = "o-a1b2c3d4e5";
    public const string InstanceArn = "arn:aws:sso:::instance/ssoins-1111222233334444";
    public const string IdentityStoreArn = "arn:aws:identitystore::111122223333:identitystore/d-1234567890";
    public const string DelegatedAdmin = "444455556666";
    public const string UseKeySid = "AllowIdentityCenterAndIdentityStoreToUseKey";

    /// <summary>What the CLI builds from <see cref="FactArgs"/> (us-east-1, a key of the account), to judge its output.</summary>
    public static IdentityCenterFacts Facts { get; } = new(
        Account, OrgId, "us-east-1", InstanceArn, IdentityStoreArn, $"arn:aws:kms:us-east-1:{Account}:key/00000000-0000-0000-0000-000000000000", [DelegatedAdmin]);

    public static string BaselineFile => Path.Combine(RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json");

    public static string IamPolicyFile => Path.Combine(RepoPaths.Reference, "key-policies", "iam-policy-cross-account-admin-2026.json");

    public static string[] FactArgs =>
        ["--account", Account, "--org-id", OrgId, "--instance-arn", InstanceArn, "--identity-store-arn", IdentityStoreArn, "--delegated-admin", DelegatedAdmin];

    /// <summary>check-policy or repair-policy on a file, with the facts and any further options.</summary>
    public static CliRun Run(string command, string policyFile, params string[] options) =>
        CliRun.Of([command, "--policy", policyFile, .. FactArgs, .. options]);

    public static string BaselineWithoutUseKey() => Baseline(s => s.Remove(s.Single(x => x!["Sid"]!.GetValue<string>() == UseKeySid)));

    public static string BaselineWithBlockingDeny() =>
        Baseline(s => s.Add(JsonNode.Parse("""{"Sid":"NoDecrypt","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}""")));

    /// <summary>The baseline with its UseKey statement changed, e.g. a principal in capitals or a bare operator.</summary>
    public static string BaselineWithUseKey(Action<JsonNode> change) =>
        Baseline(s => change(s.Single(x => x!["Sid"]!.GetValue<string>() == UseKeySid)!));

    /// <summary>The baseline plus unrelated statements until it is past KMS's 32,768-byte limit.</summary>
    public static string BaselineOver32Kb() => Baseline(s => Pad(s, 32_769));

    /// <summary>Compact JSON of at least <paramref name="minimumBytes"/>: the baseline without UseKey, plus unrelated statements.</summary>
    public static string CompactBaselineWithoutUseKey(int minimumBytes) => Baseline(s =>
    {
        s.Remove(s.Single(x => x!["Sid"]!.GetValue<string>() == UseKeySid));
        Pad(s, minimumBytes);
    });

    private static void Pad(JsonArray statements, int minimumBytes)
    {
        for (var n = 0; statements.Parent!.ToJsonString().Length < minimumBytes; n++)
        {
            statements.Add(JsonNode.Parse($$"""{"Sid":"AppRole{{n}}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:role/app-{{n}}"},"Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*"}"""));
        }
    }

    private static string Baseline(Action<JsonArray> change)
    {
        var policy = JsonNode.Parse(File.ReadAllText(BaselineFile))!.AsObject();
        change(policy["Statement"]!.AsArray());
        return policy.ToJsonString();
    }
}
