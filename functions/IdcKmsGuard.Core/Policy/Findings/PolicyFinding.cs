using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Policy.Findings;

/// <param name="Id">Stable: one of <see cref="PolicyFindingIds"/>.</param>
/// <param name="Statements">Labels of the statements behind the finding ("#3 \"DenyDecrypt\"").</param>
public sealed record PolicyFinding(string Id, Severity Severity, string Message, IReadOnlyList<string> Statements);
