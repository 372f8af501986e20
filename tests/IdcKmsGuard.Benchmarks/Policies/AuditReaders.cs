using System.Text.Json.Nodes;

namespace IdcKmsGuard.Benchmarks.Policies;

/// <summary>Read-only access for audit roles; the last statement of the large policy, sized to fill it exactly.</summary>
internal static class AuditReaders
{
    private const int MaxRoleNameLength = 64;

    // Role names may hold letters, digits and +=,.@_-; padding makes names longer the way real ones are.
    private const string Padding = "-readonly-compliance-security-operations-reporting-finance-platform-governance";

    /// <param name="extraChars">How many characters to add to the role names, from the last role backwards.</param>
    public static JsonObject Create(int readers, int extraChars)
    {
        var roles = new JsonArray();
        var names = Enumerable.Range(1, readers).Select(i => $"AuditReader{i:D2}").ToArray();
        for (var i = names.Length - 1; i >= 0 && extraChars > 0; i--)
        {
            var add = Math.Min(extraChars, MaxRoleNameLength - names[i].Length);
            names[i] += Padding[..add];
            extraChars -= add;
        }

        if (extraChars > 0)
        {
            throw new InvalidOperationException($"{readers} role names cannot take {extraChars} more characters.");
        }

        foreach (var name in names)
        {
            roles.Add($"arn:aws:iam::{BenchmarkFacts.Account}:role/audit/{name}");
        }

        return new JsonObject
        {
            ["Sid"] = "AllowAuditReadersToDescribeTheKey",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = roles },
            ["Action"] = new JsonArray("kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"),
            ["Resource"] = "*",
        };
    }
}
