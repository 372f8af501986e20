using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Policy.Findings;

/// <param name="Id">Stable: IDC-KEY-ACCESS, IDC-KEY-DENY, KEY-ADMIN-LOCKOUT, IDC-ADMIN-ACCESS, IDC-APP-ACCESS, KEY-POLICY-PUBLIC, IDC-CONTEXT-SCOPE.</param>
/// <param name="Statements">Labels of the statements behind the finding ("#3 \"DenyDecrypt\"").</param>
public sealed record PolicyFinding(string Id, Severity Severity, string Message, IReadOnlyList<string> Statements);
