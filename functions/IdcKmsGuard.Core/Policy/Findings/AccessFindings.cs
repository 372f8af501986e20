using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Policy.Findings;

/// <summary>Findings from the decisions on Identity Center's requests, grouped per principal and cause.</summary>
internal static class AccessFindings
{
    public static IEnumerable<PolicyFinding> For(IReadOnlyList<RequestOutcome> outcomes)
    {
        foreach (var denied in outcomes.Where(o => o.Decision.Decision == Decision.ExplicitDeny)
                     .GroupBy(o => (o.Required.Kind, Who(o), Statement: o.Decision.DecidedBy[0].Label)))
        {
            var id = denied.Key.Kind == RequirementKind.Service ? PolicyFindingIds.KeyDeny : IdFor(denied.Key.Kind);
            yield return Finding(
                id,
                $"Statement {denied.Key.Statement} denies {denied.Key.Item2}: {Actions(denied)}.",
                denied.SelectMany(o => o.Decision.DecidedBy).Select(s => s.Label));
        }

        foreach (var missing in outcomes.Where(o => o.Decision.Decision == Decision.ImplicitDeny).GroupBy(o => (o.Required.Kind, Who(o))))
        {
            var closest = missing.Select(o => Closest(o.Decision)).FirstOrDefault(c => c is not null);
            var why = closest is null
                ? "no statement names this principal for these actions"
                : $"closest is statement {closest.Statement.Label}: {closest.Reason}";
            yield return Finding(
                IdFor(missing.Key.Kind),
                $"{missing.Key.Item2} can no longer call {Actions(missing)}: {why}.",
                closest is null ? [] : [closest.Statement.Label]);
        }
    }

    private static string IdFor(RequirementKind kind) => kind switch
    {
        RequirementKind.Service => PolicyFindingIds.KeyAccess,
        RequirementKind.Administrator => PolicyFindingIds.AdminAccess,
        RequirementKind.Extra => PolicyFindingIds.ExtraAccess,
        _ => PolicyFindingIds.AppAccess,
    };

    private static string Who(RequestOutcome outcome) => outcome.Required.Kind switch
    {
        RequirementKind.ManagedApplication => "Managed applications",
        RequirementKind.Administrator => $"Administrator {outcome.Decision.Request.Principal.Display}",
        _ => outcome.Decision.Request.Principal.Display,
    };

    private static string Actions(IEnumerable<RequestOutcome> outcomes) =>
        string.Join(", ", outcomes.Select(o => o.Required.Purpose).Distinct(StringComparer.Ordinal));

    // The statement that came nearest to allowing: it named the principal and the action but a condition failed, or it
    // named the service in another case.
    private static StatementVerdict? Closest(PolicyDecision decision) =>
        decision.Verdicts.FirstOrDefault(v => v.Statement.Effect == Model.StatementEffect.Allow
            && (v.Reason.Contains(" not met: ", StringComparison.Ordinal) || v.Reason.Contains(PrincipalMatcher.ExactServiceNote, StringComparison.Ordinal)));

    private static PolicyFinding Finding(string id, string message, IEnumerable<string> statements) =>
        new(id, PolicyFindingIds.SeverityOf(id), message, statements.Distinct(StringComparer.Ordinal).ToList());
}
