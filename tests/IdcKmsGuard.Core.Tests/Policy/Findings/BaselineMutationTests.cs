using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Findings;

/// <summary>
/// Every change to the 2026 baseline that removes, narrows or overrides what Identity Center needs is critical;
/// every harmless one is not. Statements: 0 admin accounts, 1 DescribeKey, 2 UseKey, 3 org principals, 4 managed apps.
/// </summary>
public sealed class BaselineMutationTests
{
    public static TheoryData<string> Breaking => new(Breakages.Keys);

    public static TheoryData<string> Harmless => new(Harmlessness.Keys);

    public static TheoryData<string> AdminBreaking => new(AdminBreakages.Keys);

    private static readonly Dictionary<string, Action<JsonArray>> Breakages = new(StringComparer.Ordinal)
    {
        ["remove the UseKey statement"] = s => s.RemoveAt(2),
        ["remove the DescribeKey statement"] = s => s.RemoveAt(1),
        ["drop sso.amazonaws.com from UseKey"] = s => s[2]!["Principal"]!["Service"] = "identitystore.amazonaws.com",
        ["drop identitystore.amazonaws.com from DescribeKey"] = s => s[1]!["Principal"]!["Service"] = new JsonArray("sso.amazonaws.com"),
        ["narrow UseKey actions: no ReEncryptTo"] = s => s[2]!["Action"] = new JsonArray("kms:Decrypt", "kms:ReEncryptFrom", "kms:GenerateDataKeyWithoutPlaintext"),
        ["narrow UseKey actions: Decrypt only"] = s => s[2]!["Action"] = "kms:Decrypt",
        ["pin SourceAccount to another account"] = s => s[2]!["Condition"]!["StringEquals"]!["aws:SourceAccount"] = "999988887777",
        ["context keys: instance only"] = s => s[2]!["Condition"]!["ForAnyValue:StringEquals"]!["kms:EncryptionContextKeys"] = "aws:sso:instance-arn",
        ["ForAnyValue becomes ForAllValues"] = s => Rename(s[2]!["Condition"]!.AsObject(), "ForAnyValue:StringEquals", "ForAllValues:StringEquals"),
        ["DescribeKey demands an encryption context"] = s => s[1]!["Condition"]!["ForAnyValue:StringEquals"] = new JsonObject { ["kms:EncryptionContextKeys"] = "aws:sso:instance-arn" },
        ["UseKey becomes a Deny"] = s => s[2]!["Effect"] = "Deny",
        ["UseKey resource is another key"] = s => s[2]!["Resource"] = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ["Deny kms:Decrypt to everyone"] = s => s.Add(JsonNode.Parse("""{"Sid":"NoDecrypt","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}""")),
        ["Deny everything outside an account"] = s => s.Add(JsonNode.Parse("""{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}}""")),
        ["Deny the services by name"] = s => s.Add(JsonNode.Parse("""{"Effect":"Deny","Principal":{"Service":["sso.amazonaws.com"]},"Action":["kms:ReEncrypt*"],"Resource":"*"}""")),
        ["ForAnyValue:StringEquals slips to a bare StringLike"] = s => Rename(s[2]!["Condition"]!.AsObject(), "ForAnyValue:StringEquals", "StringLike"),
        ["sso.amazonaws.com in capitals"] = s => s[2]!["Principal"]!["Service"] = new JsonArray("identitystore.amazonaws.com", "SSO.AMAZONAWS.COM"),
        ["UseKey resource names the account by a variable"] = s => s[2]!["Resource"] = "arn:aws:kms:*:${aws:ResourceAccount}:key/*",
        ["Deny via NotPrincipal"] = s => s.Add(JsonNode.Parse("""{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:GenerateDataKey*","Resource":"*"}""")),
    };

    private const string AdminRole = "AWSReservedSSO_AdministratorAccess_0123456789abcdef";

    // Administrators call as sessions of their role; a Deny IAM applies to the session must cost them their access.
    private static readonly Dictionary<string, Action<JsonArray>> AdminBreakages = new(StringComparer.Ordinal)
    {
        ["Deny one administrator's session"] = s => s.Add(JsonNode.Parse($$"""
            {"Effect":"Deny","Principal":{"AWS":"arn:aws:sts::111122223333:assumed-role/{{AdminRole}}/idc-administrator@example.com"},"Action":"kms:Decrypt","Resource":"*"}
            """)),
        ["Deny everyone but the services and the admin roles, without their accounts"] = s => s.Add(JsonNode.Parse($$"""
            {"Effect":"Deny","NotPrincipal":{"Service":["sso.amazonaws.com","identitystore.amazonaws.com"],"AWS":[
              "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/{{AdminRole}}",
              "arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/us-east-1/{{AdminRole}}"]},
             "Action":"kms:Decrypt","Resource":"*"}
            """)),
    };

    private static readonly Dictionary<string, Action<JsonArray>> Harmlessness = new(StringComparer.Ordinal)
    {
        ["an unrelated statement"] = s => s.Add(JsonNode.Parse("""{"Sid":"AppRole","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/App"},"Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*"}""")),
        ["a wider admin grant"] = s => s[0]!["Principal"]!["AWS"]!.AsArray().Add("arn:aws:iam::555566667777:root"),
        ["reordered statements"] = s => Reverse(s),
        ["arrays instead of strings"] = s =>
        {
            s[1]!["Action"] = new JsonArray("kms:DescribeKey");
            s[1]!["Resource"] = new JsonArray("*");
        },
        ["strings instead of one-element arrays"] = s => s[2]!["Condition"]!["StringEquals"]!["aws:SourceAccount"] = new JsonArray("${aws:ResourceAccount}"),
        ["condition keys in other case"] = s =>
        {
            Rename(s[2]!["Condition"]!["StringEquals"]!.AsObject(), "aws:SourceAccount", "AWS:SOURCEACCOUNT");
            Rename(s[2]!["Condition"]!["ForAnyValue:StringEquals"]!.AsObject(), "kms:EncryptionContextKeys", "KMS:encryptioncontextkeys");
        },
        ["wildcard actions"] = s => s[2]!["Action"] = new JsonArray("kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"),
        ["a Deny for another principal"] = s => s.Add(JsonNode.Parse("""{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/Intern"},"Action":"kms:ScheduleKeyDeletion","Resource":"*"}""")),
        ["a Deny of deletion for everyone"] = s => s.Add(JsonNode.Parse("""{"Effect":"Deny","Principal":"*","Action":["kms:ScheduleKeyDeletion","kms:DisableKey"],"Resource":"*"}""")),
        ["Deny everyone but the services, the admin roles and their accounts"] = s => s.Add(JsonNode.Parse($$"""
            {"Effect":"Deny","NotPrincipal":{"Service":["sso.amazonaws.com","identitystore.amazonaws.com"],"AWS":[
              "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/{{AdminRole}}","arn:aws:iam::111122223333:root",
              "arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/us-east-1/{{AdminRole}}","arn:aws:iam::444455556666:root"]},
             "Action":"kms:Decrypt","Resource":"*"}
            """)),
        ["pinned to this instance"] = s => s[2]!["Condition"]!["StringEquals"]!["aws:SourceArn"] = new JsonArray(ReferencePolicies.InstanceArn, ReferencePolicies.IdentityStoreArn),
    };

    [Theory]
    [MemberData(nameof(Breaking))]
    public void Check_WhenBaselineLosesWhatIdentityCenterNeeds_ShouldBeCritical(string mutation)
    {
        var report = PolicyChecker.Check(Mutated(Breakages[mutation]), ReferencePolicies.Facts);

        Assert.False(report.IsHealthy, $"'{mutation}' should be critical");
        Assert.Contains(report.Findings, f => f.Id is PolicyFindingIds.KeyAccess or PolicyFindingIds.KeyDeny);
    }

    [Theory]
    [MemberData(nameof(Harmless))]
    public void Check_WhenBaselineChangesHarmlessly_ShouldStayHealthy(string mutation)
    {
        var report = PolicyChecker.Check(Mutated(Harmlessness[mutation]), ReferencePolicies.Facts);

        Assert.True(report.IsHealthy, $"'{mutation}': {string.Join("; ", report.Findings.Select(f => f.Message))}");
    }

    [Theory]
    [MemberData(nameof(AdminBreaking))]
    public void Check_WhenBaselineLosesWhatAdministratorsNeed_ShouldReportAdministratorAccess(string mutation)
    {
        var report = PolicyChecker.Check(Mutated(AdminBreakages[mutation]), ReferencePolicies.Facts);

        Assert.False(report.IsGood, $"'{mutation}' should not be good");
        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.AdminAccess);
    }

    [Fact]
    public void Check_WhenADenyBlocksTheServices_ShouldNameTheDenyingStatement()
    {
        var report = PolicyChecker.Check(Mutated(Breakages["Deny kms:Decrypt to everyone"]), ReferencePolicies.Facts);

        var deny = Assert.Single(report.Findings, f => f.Id == PolicyFindingIds.KeyDeny && f.Message.Contains("sso.amazonaws.com", StringComparison.Ordinal));
        Assert.Equal(["#6 \"NoDecrypt\""], deny.Statements);
    }

    [Fact]
    public void Check_WhenAConditionFails_ShouldNameTheClosestStatementAndTheCondition()
    {
        var report = PolicyChecker.Check(Mutated(Breakages["pin SourceAccount to another account"]), ReferencePolicies.Facts);

        var finding = Assert.Single(report.Findings, f => f.Id == PolicyFindingIds.KeyAccess && f.Message.StartsWith("sso.amazonaws.com", StringComparison.Ordinal));
        Assert.Contains("AllowIdentityCenterAndIdentityStoreToUseKey", finding.Message, StringComparison.Ordinal);
        Assert.Contains("aws:SourceAccount", finding.Message, StringComparison.Ordinal);
    }

    private static Core.Policy.Model.KeyPolicy Mutated(Action<JsonArray> mutate)
    {
        var policy = ReferencePolicies.Json("key-policy-baseline-2026.json");
        mutate(policy["Statement"]!.AsArray());
        return KeyPolicyParser.Parse(policy.ToJsonString());
    }

    private static void Rename(JsonObject node, string from, string to)
    {
        var value = node[from];
        node.Remove(from);
        node[to] = value;
    }

    private static void Reverse(JsonArray statements)
    {
        var copy = statements.Select(s => s!.DeepClone()).Reverse().ToList();
        statements.Clear();
        copy.ForEach(statements.Add);
    }
}
