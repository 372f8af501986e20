using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Requirements;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Policy.Findings;

/// <summary>The documented policies, with the facts their placeholders stand for.</summary>
internal static class ReferencePolicies
{
    public const string Account = "111122223333";
    public const string DelegatedAdmin = "444455556666";
    public const string OrgId = "o-a1b2c3d4e5";
    public const string Region = "us-east-1";
    public const string InstanceArn = "arn:aws:sso:::instance/ssoins-1111222233334444";
    public const string IdentityStoreArn = "arn:aws:identitystore::111122223333:identitystore/d-1234567890";
    public const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

    public static IdentityCenterFacts Facts { get; } = new(Account, OrgId, Region, InstanceArn, IdentityStoreArn, KeyArn, [DelegatedAdmin]);

    /// <summary>The 2025 revision names its administrators by role-name patterns; these roles fit them.</summary>
    public static IdentityCenterFacts Facts2025 { get; } = Facts with
    {
        Administrators =
        [
            new IamPrincipal($"arn:aws:iam::{Account}:role/aws-reserved/sso.amazonaws.com/{Region}/AWSReservedSSO_Admin_0123456789abcdef", Account, OrgId),
            new IamPrincipal($"arn:aws:iam::{DelegatedAdmin}:role/aws-reserved/sso.amazonaws.com/{Region}/AWSReservedSSO_DelegatedAdmin_0123456789abcdef", DelegatedAdmin, OrgId),
        ],
    };

    public static string Text(string file) => File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", file));

    public static JsonObject Json(string file) => JsonNode.Parse(Text(file))!.AsObject();

    /// <summary>Statements of several documents in one policy, as the 2025 guide meant them to be combined.</summary>
    public static string Combined(params string[] files)
    {
        var statements = new JsonArray();
        foreach (var file in files)
        {
            foreach (var statement in Json(file)["Statement"]!.AsArray())
            {
                statements.Add(statement!.DeepClone());
            }
        }

        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements }.ToJsonString();
    }

    public static string KmsDefaultAdministration => $$"""{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"kms:*","Resource":"*"}""";
}
