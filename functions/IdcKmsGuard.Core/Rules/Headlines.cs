using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Rules;

/// <summary>The alert's one sentence: what happened to the key and what the guard achieved.</summary>
internal static class Headlines
{
    /// <summary>What an alert says for a rule without a headline of its own: every rule in the catalog has one.</summary>
    public const string Fallback = "Identity Center key needs attention";

    public static string For(Finding primary, AlertOutcome outcome)
    {
        var status = outcome == AlertOutcome.Failed ? "failed" : primary.Resolved ? "fixed" : "open";
        return (primary.RuleId, status) switch
        {
            ("KEY-NOT-PENDING-DELETION", "fixed") => "Identity Center key was scheduled for deletion; the guard cancelled it",
            ("KEY-NOT-PENDING-DELETION", "failed") => "Identity Center key is scheduled for deletion; the guard could not stop it",
            ("KEY-NOT-PENDING-DELETION", _) => "Identity Center key is scheduled for deletion",
            ("KEY-ENABLED", "fixed") => "Identity Center key was disabled; the guard re-enabled it",
            ("KEY-ENABLED", "failed") => "Identity Center key is disabled; the guard could not re-enable it",
            ("KEY-ENABLED", _) => "Identity Center key is disabled: sign-in is down",
            ("KEY-POLICY-HEALTHY", "fixed") => "Identity Center key policy locked it out; the guard repaired it",
            ("KEY-POLICY-HEALTHY", "failed") => "Identity Center key policy locks it out; the guard could not repair it",
            ("KEY-POLICY-HEALTHY", _) => "Identity Center key policy no longer lets Identity Center use the key",
            ("KEY-POLICY-SAFE", _) => "Identity Center key policy leaves the key without administrators or open to all",
            ("EXTRA-ACCESS", _) => "Identity Center key policy no longer allows what this organization also needs",
            ("KEY-REPLICA", _) => "An Identity Center Region has no usable replica of the key",
            ("KEY-SPEC", _) => "Identity Center's key is not the kind of key it needs",
            ("IDC-ENCRYPTION-STATUS", _) => "Identity Center's last switch of key failed",
            ("IDC-ENCRYPTION-APPROVED", _) => "Identity Center does not use the approved customer managed key",
            ("KEY-MATERIAL", _) => "Identity Center key has lost its imported key material",
            ("KEY-DELETED", _) => "Identity Center key was deleted",
            ("KEY-ROTATION", _) => "Automatic rotation was turned off on the Identity Center key",
            ("GUARD-ACCESS", _) => "The guard cannot check the Identity Center key",
            ("GUARD-ALERT-PATH", "fixed") => "The guard's alert topic key was unusable; the guard enabled it again",
            ("GUARD-ALERT-PATH", _) => "The guard's alerts may not reach people: its alert path is broken",
            ("GUARD-CONFIG", _) => "The guard's configuration was refused",
            ("GUARD-CONFIG-CHANGED", _) => "The guard's configuration changed",
            ("IDC-ADMIN-ACCESS", _) => "Identity Center administrators can no longer use the key",
            ("IDC-APP-ACCESS", _) => "Managed applications can no longer decrypt through Identity Center",
            ("IDC-CONTEXT-SCOPE", _) => "Identity Center's key policy statements are not scoped to this instance",
            ("KEY-USE-FAILING", "fixed") => "KMS refused Identity Center; the guard repaired the cause",
            ("KEY-USE-FAILING", "failed") => "KMS refuses Identity Center; the guard could not repair the cause",
            ("KEY-USE-FAILING", _) => "KMS refuses Identity Center's calls to its key: sign-in is failing",
            ("ATTEMPT-DENIED", _) => "Someone tried to change the Identity Center key and was refused",
            _ => Fallback,
        };
    }
}
