using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Policy.Findings;

public static class PolicyFindingIds
{
    public const string KeyAccess = "IDC-KEY-ACCESS";
    public const string KeyDeny = "IDC-KEY-DENY";
    public const string AdminLockout = "KEY-ADMIN-LOCKOUT";
    public const string AdminAccess = "IDC-ADMIN-ACCESS";
    public const string AppAccess = "IDC-APP-ACCESS";
    public const string Public = "KEY-POLICY-PUBLIC";
    public const string ContextScope = "IDC-CONTEXT-SCOPE";
    public const string ExtraAccess = "EXTRA-ACCESS";

    /// <summary>A statement that grants less than it reads: IAM does not match it the way it is written.</summary>
    public const string SetOperatorMissing = "KEY-POLICY-SET-OPERATOR";
    public const string ServiceName = "KEY-POLICY-SERVICE-NAME";
    public const string ResourceVariable = "KEY-POLICY-ARN-VARIABLE";

    public static Severity SeverityOf(string id) => id switch
    {
        KeyAccess or KeyDeny => Severity.Critical,
        AdminLockout or AdminAccess or Public or ExtraAccess => Severity.High,
        AppAccess or SetOperatorMissing or ServiceName or ResourceVariable => Severity.Medium,
        ContextScope => Severity.Low,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown policy finding."),
    };
}
