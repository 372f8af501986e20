using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Findings;

/// <summary>
/// A service principal written close to one Identity Center needs but not exactly it ("SSO.AMAZONAWS.COM",
/// "sso.amazonaws.con"). Service principals are lower case and nothing documents that IAM matches them in another
/// case, so such an entry names no service the engine can count on.
/// </summary>
internal static class ServiceNameCheck
{
    private const int MaxTypos = 2;

    public static IEnumerable<PolicyFinding> For(KeyPolicy policy, IReadOnlyList<RequestOutcome> outcomes)
    {
        var required = outcomes.Select(o => o.Decision.Request.Principal).OfType<ServicePrincipal>().Select(s => s.Name)
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var statement in policy.Statements)
        {
            foreach (var entry in statement.Principal.Entries.Where(e => e.Type == PrincipalType.Service))
            {
                if (required.Contains(entry.Value, StringComparer.Ordinal) || required.FirstOrDefault(r => IsCloseTo(entry.Value, r)) is not { } meant)
                {
                    continue;
                }

                var effect = statement.Effect == StatementEffect.Allow && !statement.Principal.IsNot
                    ? $"so it grants nothing to {meant}"
                    : $"so the engine assumes the worst for {meant}: that this statement denies it";
                yield return new PolicyFinding(
                    PolicyFindingIds.ServiceName,
                    PolicyFindingIds.SeverityOf(PolicyFindingIds.ServiceName),
                    $"Statement {statement.Label} names the service \"{entry.Value}\", not {meant}: service principals are "
                    + $"lower case and matched exactly, {effect}. Write \"{meant}\".",
                    [statement.Label]);
            }
        }
    }

    // The service's own name in any case, with at most two slips in the domain: "SSO.amazonaws.con". Another service
    // one letter away ("ssm.amazonaws.com") is a real service, not a slip.
    private static bool IsCloseTo(string written, string service)
    {
        var dot = service.IndexOf('.', StringComparison.Ordinal);
        return written.Length > dot
            && written.StartsWith(service[..(dot + 1)], StringComparison.OrdinalIgnoreCase)
            && Distance(written[dot..].ToLowerInvariant(), service[dot..]) <= MaxTypos;
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > MaxTypos)
        {
            return MaxTypos + 1;
        }

        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
