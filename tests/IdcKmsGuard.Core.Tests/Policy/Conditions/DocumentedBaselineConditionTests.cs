using IdcKmsGuard.Core.Policy.Conditions;
using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;
using static IdcKmsGuard.Core.Tests.Policy.Conditions.IdentityCenterRequests;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

/// <summary>
/// The exact Condition blocks of the documented key policies (tests/reference/key-policies), against the requests
/// Identity Center really makes. Conditions are read straight from the files, so a changed baseline shows up here.
/// </summary>
public sealed class DocumentedBaselineConditionTests
{
    public static TheoryData<string, string, string> SatisfiedCases => new()
    {
        { "key-policy-baseline-2026.json", "AllowIdentityCenterAndIdentityStoreToDescribeKey", nameof(ServiceDescribeKey) },
        { "key-policy-baseline-2026.json", "AllowIdentityCenterAndIdentityStoreToUseKey", nameof(SsoServiceDecrypt) },
        { "key-policy-baseline-2026.json", "AllowIdentityCenterAndIdentityStoreToUseKey", nameof(IdentityStoreServiceDecrypt) },
        { "key-policy-baseline-2026.json", "AllowOrgPrincipalsViaIdentityCenterAndIdentityStore", nameof(AdminViaSso) },
        { "key-policy-baseline-2026.json", "AllowManagedApps", nameof(ManagedAppViaIdentityStore) },
        { "key-policy-required-2025.json", "AllowIAMIdentityCenterAdminToUseTheKMSKeyViaIdentityCenter", nameof(AdminViaSso) },
        { "key-policy-required-2025.json", "AllowIAMIdentityCenterAdminToDescribeTheKMSKey", nameof(AdminViaSso) },
        { "key-policy-required-2025.json", "AllowIAMIdentityCenterToUseTheKMSKey", nameof(SsoServiceDecrypt) },
        { "key-policy-required-2025.json", "AllowIdentityStoreToUseTheKMSKey", nameof(IdentityStoreServiceDecrypt) },
        { "key-policy-managed-apps-2025.json", "AllowAppAdminsInTheSameOrganizationToUseTheKMSKeyViaIdentityCenter", nameof(AdminViaSso) },
        { "key-policy-managed-apps-2025.json", "AllowManagedAppsToUseTheKMSKeyViaIdentityStore", nameof(ManagedAppViaIdentityStore) },
        { "key-policy-control-tower-2025.json", "AllowControlTowerAdminRoleToUseTheKMSKeyViaIdentityCenter", nameof(AdminViaSso) },
    };

    public static TheoryData<string, string, string, string> UnsatisfiedCases => new()
    {
        // DescribeKey carries no encryption context: the ForAnyValue on kms:EncryptionContextKeys cannot hold.
        { "key-policy-baseline-2026.json", "AllowIdentityCenterAndIdentityStoreToUseKey", nameof(ServiceDescribeKey), "kms:EncryptionContextKeys is absent (ForAnyValue: not satisfied)" },
        // A service principal has no kms:ViaService and no aws:PrincipalOrgID: the org statement is not for it.
        { "key-policy-baseline-2026.json", "AllowOrgPrincipalsViaIdentityCenterAndIdentityStore", nameof(SsoServiceDecrypt), "aws:PrincipalOrgID is absent: not satisfied" },
        // The administrator is not an AWS service.
        { "key-policy-baseline-2026.json", "AllowManagedApps", nameof(AdminViaSso), "aws:PrincipalIsAWSService is 'false', policy wants 'true': no match" },
        // The sso statement wants the sso encryption context key; identitystore sends its own.
        { "key-policy-required-2025.json", "AllowIAMIdentityCenterToUseTheKMSKey", nameof(IdentityStoreServiceDecrypt), "kms:EncryptionContext:aws:sso:instance-arn is absent: not satisfied" },
        { "key-policy-managed-apps-2025.json", "AllowManagedAppsToUseTheKMSKeyViaIdentityCenter", nameof(ManagedAppViaIdentityStore), "kms:ViaService is 'identitystore.us-east-1.amazonaws.com', policy wants 'sso.*.amazonaws.com': no match" },
    };

    [Theory]
    [MemberData(nameof(SatisfiedCases))]
    public void Evaluate_WhenIdentityCenterMakesTheRequestAStatementIsFor_ShouldSatisfyEveryClause(string file, string sid, string request)
    {
        var context = ByName(request);
        var clauses = DocumentedConditions.Of(file, sid);

        Assert.NotEmpty(clauses);
        foreach (var clause in clauses)
        {
            var outcome = ConditionEvaluator.Evaluate(clause, context);
            Assert.True(outcome.Satisfied, $"{sid} {clause.Operator.Name} {clause.Key}: {outcome.Explanation}");
        }
    }

    [Theory]
    [MemberData(nameof(UnsatisfiedCases))]
    public void Evaluate_WhenTheRequestIsNotWhatAStatementIsFor_ShouldFailTheRightClause(string file, string sid, string request, string explanation)
    {
        var context = ByName(request);

        var failures = DocumentedConditions.Of(file, sid).Select(c => ConditionEvaluator.Evaluate(c, context)).Where(o => !o.Satisfied).ToList();

        Assert.Contains(new ConditionOutcome(false, explanation), failures);
    }

    [Fact]
    public void Evaluate_WhenServiceCallsOnBehalfOfAnotherAccount_ShouldFailTheSourceAccountClause()
    {
        var clause = Assert.Single(DocumentedConditions.Of("key-policy-baseline-2026.json", "AllowIdentityCenterAndIdentityStoreToDescribeKey"));

        var outcome = ConditionEvaluator.Evaluate(clause, ServiceDescribeKey().With("aws:SourceAccount", "999999999999"));

        Assert.Equal(new(false, "aws:SourceAccount is '999999999999', policy wants '${aws:ResourceAccount}' = '111122223333': no match"), outcome);
    }

    [Fact]
    public void Evaluate_WhenAdministratorRoleIsOutsideTheDocumentedPatterns_ShouldFailTheArnClause()
    {
        var context = AdminViaSso().With("aws:PrincipalArn", "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_ReadOnly_0123");

        var outcome = DocumentedConditions.Of("key-policy-required-2025.json", "AllowIAMIdentityCenterAdminToDescribeTheKMSKey")
            .Select(c => ConditionEvaluator.Evaluate(c, context)).Single();

        Assert.False(outcome.Satisfied);
        Assert.StartsWith("aws:PrincipalArn is 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_ReadOnly_0123', policy wants ", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WhenPinnedToThisInstanceArn_ShouldAcceptOnlyThatInstance()
    {
        var pinned = Clause("StringEquals", "kms:EncryptionContext:aws:sso:instance-arn", InstanceArn);

        Assert.True(ConditionEvaluator.Evaluate(pinned, SsoServiceDecrypt()).Satisfied);
        Assert.False(ConditionEvaluator.Evaluate(pinned, SsoServiceDecrypt().With("kms:EncryptionContext:aws:sso:instance-arn", "arn:aws:sso:::instance/ssoins-ffffffffffffffff")).Satisfied);
    }
}
