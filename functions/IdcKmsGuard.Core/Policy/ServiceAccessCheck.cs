using System.Text.Json;
using IdcKmsGuard.Core.Json;

namespace IdcKmsGuard.Core.Policy;

/// <summary>
/// A first check of a key policy: does each Identity Center service principal still get the five KMS actions it
/// needs, and does no unconditional Deny take them away? Conditions on Allow statements are assumed to hold for
/// the services' real requests; the full IAM evaluation is the policy engine's job.
/// </summary>
public static class ServiceAccessCheck
{
    public static IReadOnlyList<string> ServicePrincipals { get; } = ["sso.amazonaws.com", "identitystore.amazonaws.com"];

    public static IReadOnlyList<string> RequiredActions { get; } =
        ["kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"];

    public static ServiceAccessReport Evaluate(string policyJson)
    {
        List<PolicyStatementSummary> statements;
        try
        {
            using var document = JsonDocument.Parse(policyJson);
            statements = ReadStatements(document.RootElement);
        }
        catch (JsonException e)
        {
            return new ServiceAccessReport([], $"The key policy is not valid JSON: {e.Message.ReplaceLineEndings(" ")}");
        }

        var gaps = new List<AccessGap>();
        foreach (var principal in ServicePrincipals)
        {
            foreach (var action in RequiredActions)
            {
                var denyingStatement = statements.FirstOrDefault(s => s.IsDeny && !s.HasCondition && s.Covers(principal, action));
                if (denyingStatement is not null)
                {
                    gaps.Add(new AccessGap(principal, action, $"denied by statement {denyingStatement.Label}"));
                }
                else if (!statements.Any(s => !s.IsDeny && s.Covers(principal, action)))
                {
                    gaps.Add(new AccessGap(principal, action, "no statement allows it"));
                }
            }
        }

        return new ServiceAccessReport(gaps, null);
    }

    private static List<PolicyStatementSummary> ReadStatements(JsonElement root)
    {
        var statement = root.Property("Statement");
        IEnumerable<JsonElement> items = statement switch
        {
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
            { ValueKind: JsonValueKind.Object } single => [single],
            _ => [],
        };
        return items.Select((s, index) => PolicyStatementSummary.Read(s, index)).ToList();
    }
}
