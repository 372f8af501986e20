using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Rules;

/// <summary>The rules the guard checks. Ids are stable: they are message attributes subscribers filter on.</summary>
public static class RuleCatalog
{
    /// <summary>
    /// Rules no configuration may switch off: without them a disabled or deleted key, or a change to the guard's own
    /// configuration, would pass unreported. Their lowest mode is alert.
    /// </summary>
    public static RuleSet AlwaysChecked { get; } = RuleSet.Of(["KEY-ENABLED", "KEY-NOT-PENDING-DELETION", "KEY-DELETED", "GUARD-CONFIG-CHANGED"]);

    public static GuardRule KeyEnabled { get; } = new(
        "KEY-ENABLED",
        Severity.Critical,
        "The Identity Center key is enabled",
        "Re-enable the key now: aws kms enable-key --key-id {key} --region {region}. "
        + "Until it is enabled, nobody can sign in to Identity Center or the AWS access portal.",
        RuleMode.Remediate,
        ["kms:EnableKey"]);

    public static GuardRule KeyNotPendingDeletion { get; } = new(
        "KEY-NOT-PENDING-DELETION",
        Severity.Critical,
        "The Identity Center key is not scheduled for deletion",
        "Cancel the deletion, then enable the key (cancelling leaves it disabled): "
        + "aws kms cancel-key-deletion --key-id {key} --region {region} && aws kms enable-key --key-id {key} --region {region}. "
        + "A deleted key cannot be recovered and Identity Center's data encrypted under it is lost.",
        RuleMode.Remediate,
        ["kms:CancelKeyDeletion", "kms:EnableKey"]);

    public static GuardRule KeyPolicyHealthy { get; } = new(
        "KEY-POLICY-HEALTHY",
        Severity.Critical,
        "The key policy lets Identity Center use the key",
        "Restore the statements that allow sso.amazonaws.com and identitystore.amazonaws.com to use the key "
        + "(aws kms get-key-policy --key-id {key} --policy-name default --region {region}, edit, then put-key-policy). "
        + "Never set --bypass-policy-lockout-safety-check.",
        RuleMode.Remediate,
        ["kms:PutKeyPolicy"]);

    public static GuardRule KeyPolicySafe { get; } = new(
        "KEY-POLICY-SAFE",
        Severity.High,
        "The key policy keeps the key administrable and private",
        "Give the account back administration of the key (a statement allowing kms:* to arn:aws:iam::<account>:root) "
        + "and remove or condition any Allow to \"*\" (kms:CallerAccount, aws:PrincipalOrgID or kms:ViaService).");

    public static GuardRule AdminAccess { get; } = new(
        "IDC-ADMIN-ACCESS",
        Severity.High,
        "Administrators can use the key through Identity Center",
        "Add back the statement that lets the organization's principals decrypt through sso and identitystore "
        + "(idckmsguard baseline-policy prints it), or the administrators' role ARNs; check their IAM policies too.");

    public static GuardRule AppAccess { get; } = new(
        "IDC-APP-ACCESS",
        Severity.Medium,
        "Managed applications can decrypt through Identity Center",
        "Add back the statement for AWS managed applications (Principal \"*\", aws:PrincipalIsAWSService true, "
        + "aws:SourceOrgID, kms:ViaService sso/identitystore): idckmsguard baseline-policy prints it.");

    public static GuardRule ExtraAccess { get; } = new(
        "EXTRA-ACCESS",
        Severity.High,
        "The key policy still allows the organization's own extra requirements",
        "Put back what the configuration's extraRequirements name (principal, action, conditions) in the key policy; "
        + "the alert lists each request that is now refused. If a requirement is obsolete, remove it from the configuration.");

    public static GuardRule ContextScope { get; } = new(
        "IDC-CONTEXT-SCOPE",
        Severity.Low,
        "The service statements are scoped to this instance",
        "Scope the sso and identitystore statements by aws:SourceAccount and by encryption context, as AWS recommends.");

    public static GuardRule KeyMaterial { get; } = new(
        "KEY-MATERIAL",
        Severity.Critical,
        "The key's imported material is present",
        "Re-import the same key material (aws kms get-parameters-for-import, then import-key-material for {key} in {region}). "
        + "Only the original material works: Identity Center's data cannot be decrypted with any other.");

    public static GuardRule KeyDeleted { get; } = new(
        "KEY-DELETED",
        Severity.Critical,
        "The key Identity Center uses exists",
        "The key {key} is gone and cannot be restored. If it was a multi-Region key, a replica in another Region "
        + "may still exist and can be made primary. Otherwise open an AWS Support case at once and tell users "
        + "that Identity Center sign-in is unavailable.");

    public static GuardRule KeyReplica { get; } = new(
        "KEY-REPLICA",
        Severity.Critical,
        "Every Identity Center Region has a replica of the key",
        "Replicate the key to the Region (aws kms replicate-key --key-id {key} --replica-region <region> --policy file://policy.json, "
        + "with a policy that lets sso and identitystore use it: idckmsguard baseline-policy prints one), or remove the Region from Identity Center. "
        + "A Region without a usable replica cannot serve sign-in.");

    public static GuardRule KeySpec { get; } = new(
        "KEY-SPEC",
        Severity.High,
        "The key is a symmetric customer managed key in the instance's account and Region",
        "Identity Center needs a symmetric ENCRYPT_DECRYPT customer managed key in its own account and Region; "
        + "switch to such a key with idckmsguard enable-cmk. Keys with imported or external material need a plan for that material.");

    public static GuardRule KeyRotation { get; } = new(
        "KEY-ROTATION",
        Severity.Medium,
        "Automatic rotation is enabled on the key",
        "Turn rotation back on: aws kms enable-key-rotation --key-id {key} --region {region}.",
        RuleMode.Remediate,
        ["kms:EnableKeyRotation"]);

    public static GuardRule EncryptionApproved { get; } = new(
        "IDC-ENCRYPTION-APPROVED",
        Severity.High,
        "Identity Center encrypts with the customer managed key",
        "Confirm with the Identity Center owners that the change of key was intended. If not, switch back with "
        + "aws sso-admin update-instance --instance-arn <instance> --encryption-configuration KeyType=CUSTOMER_MANAGED_KEY,KmsKeyArn=<key>.",
        RuleMode.Alert,

        // Identity Center checks the new key with the caller's own permissions (forward access sessions), so the
        // caller needs what AWS documents for administrators using the key through Identity Center's APIs.
        ["sso:UpdateInstance", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKeyWithoutPlaintext"]);

    public static GuardRule EncryptionStatus { get; } = new(
        "IDC-ENCRYPTION-STATUS",
        Severity.Critical,
        "Identity Center's encryption configuration is not failed",
        "Read the reason with aws sso-admin describe-instance, fix the key it names (state, policy, Region), then "
        + "repeat the switch. The previous key stays in use meanwhile: keep it enabled and its policy intact.");

    public static GuardRule AttemptDenied { get; } = new(
        "ATTEMPT-DENIED",
        Severity.Medium,
        "Nobody tries to disable, delete or rewrite the key",
        "Find out who made the attempt and why; if the principal should not touch this key, review its IAM permissions.");

    public static GuardRule GuardConfig { get; } = new(
        "GUARD-CONFIG",
        Severity.High,
        "The guard's configuration is valid",
        "Fix the configuration document (idckmsguard rules validate FILE) and put it back in the SSM parameter. "
        + "Meanwhile the guard runs on its last good configuration, or on the defaults.");

    public static GuardRule GuardAccess { get; } = new(
        "GUARD-ACCESS",
        Severity.High,
        "The guard can read and repair the key",
        "Give the guard's role the KMS permissions in the key policy again (DescribeKey, GetKeyPolicy, EnableKey, "
        + "CancelKeyDeletion on {key}); until then the key is unguarded.");

    public static GuardRule GuardConfigChanged { get; } = new(
        "GUARD-CONFIG-CHANGED",
        Severity.Medium,
        "Changes to the guard's configuration are known",
        "Confirm with the person named that the change was intended; if not, put the previous document back "
        + "(aws ssm get-parameter-history --name <parameter>) and review who may write the parameter. A change that leaves "
        + "more alone (a rule off, dry run, an exemption, an approved key) is reported high.");

    public static GuardRule GuardAlertPath { get; } = new(
        "GUARD-ALERT-PATH",
        Severity.Critical,
        "The guard's alerts can reach people",
        "Restore what the alert names: enable the alert topic's key (or cancel its deletion, then enable it); put back its policy "
        + "statements for the guard's role, CloudWatch and EventBridge (redeploy the stack); set the topic's key back to its "
        + "own; confirm or add a subscription. Until then the guard keeps guarding and logs what it would have sent.",
        RuleMode.Remediate,
        ["kms:EnableKey", "kms:CancelKeyDeletion"]);

    // The ground truth: AWS refusing Identity Center. It has no remediation of its own: the rule of the cause repairs.
    public static GuardRule KeyUseFailing { get; } = new(
        "KEY-USE-FAILING",
        Severity.Critical,
        "KMS does not refuse Identity Center's calls to the key",
        "Re-read the key (aws kms describe-key --key-id {key} --region {region}) and its policy; when both are healthy, look "
        + "outside the key policy: grants, service and resource control policies, VPC endpoint policies, the replica's state.");

    public static IReadOnlyList<GuardRule> All { get; } =
    [
        KeyEnabled, KeyNotPendingDeletion, KeyPolicyHealthy, KeyPolicySafe, KeyReplica, KeySpec, KeyRotation, EncryptionApproved,
        EncryptionStatus, KeyMaterial, KeyDeleted, AttemptDenied, AdminAccess, AppAccess, ExtraAccess, ContextScope, GuardAccess,
        GuardConfig, GuardConfigChanged, GuardAlertPath, KeyUseFailing,
    ];

    public static bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GuardRule? rule)
    {
        rule = All.FirstOrDefault(r => r.Id == id);
        return rule is not null;
    }

    public static GuardRule Get(string id) =>
        All.FirstOrDefault(rule => rule.Id == id) ?? throw new KeyNotFoundException($"No rule '{id}'.");
}
