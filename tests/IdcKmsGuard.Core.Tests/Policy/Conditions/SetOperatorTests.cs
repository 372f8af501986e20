using IdcKmsGuard.Core.Policy.Conditions;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;
using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

public sealed class SetOperatorTests
{
    private const string Key = "kms:EncryptionContextKeys";
    private static readonly string[] IdentityCenterKeys = ["aws:sso:instance-arn", "aws:identitystore:identitystore-arn"];

    public static TheoryData<string, string[]?, bool> Cases => new()
    {
        // ForAnyValue: at least one request value passes; missing or empty is false.
        { "ForAnyValue:StringEquals", ["aws:sso:instance-arn", "tenant-key-id"], true },
        { "ForAnyValue:StringEquals", ["tenant-key-id"], false },
        { "ForAnyValue:StringEquals", ["aws:identitystore:identitystore-arn"], true },
        { "ForAnyValue:StringEquals", [], false },
        { "ForAnyValue:StringEquals", [""], false },
        { "ForAnyValue:StringEquals", null, false },
        { "ForAnyValue:StringEqualsIfExists", null, false },
        { "ForAnyValue:StringLike", ["aws:sso:*"], false },
        { "ForAnyValue:StringLike", ["aws:sso:instance-arn"], true },
        { "ForAnyValue:StringEqualsIgnoreCase", ["AWS:SSO:INSTANCE-ARN"], true },
        { "ForAnyValue:StringEquals", ["AWS:SSO:INSTANCE-ARN"], false },

        // Negated under ForAnyValue: one request value outside the policy list.
        { "ForAnyValue:StringNotEquals", ["aws:sso:instance-arn", "tenant-key-id"], true },
        { "ForAnyValue:StringNotEquals", ["aws:sso:instance-arn", "aws:identitystore:identitystore-arn"], false },
        { "ForAnyValue:StringNotEquals", null, false },
        { "ForAnyValue:StringNotEquals", [], false },

        // ForAllValues: every request value passes; missing or empty is (vacuously) true.
        { "ForAllValues:StringEquals", ["aws:sso:instance-arn"], true },
        { "ForAllValues:StringEquals", ["aws:sso:instance-arn", "aws:identitystore:identitystore-arn"], true },
        { "ForAllValues:StringEquals", ["aws:sso:instance-arn", "tenant-key-id"], false },
        { "ForAllValues:StringEquals", [], true },
        { "ForAllValues:StringEquals", [""], true },
        { "ForAllValues:StringEquals", null, true },

        // Negated under ForAllValues: no request value is in the policy list.
        { "ForAllValues:StringNotEquals", ["tenant-key-id"], true },
        { "ForAllValues:StringNotEquals", ["tenant-key-id", "aws:sso:instance-arn"], false },
        { "ForAllValues:StringNotEquals", null, true },

        // Without a set operator, in an Allow: IAM does not match several request values, whatever they are.
        { "StringEquals", ["aws:sso:instance-arn", "tenant-key-id"], false },
        { "StringEquals", ["tenant-key-id", "other"], false },
        { "StringNotEquals", ["aws:sso:instance-arn", "tenant-key-id"], false },
        { "StringNotEquals", ["tenant-key-id", "other"], false },
        { "StringEquals", [], false },
        { "StringNotEquals", [], true },
        { "StringEqualsIfExists", [], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_WhenKeyIsMultivalued_ShouldApplyTheSetOperator(string op, string[]? requestValues, bool expected)
    {
        var context = requestValues is null ? RequestContext.Empty : Context(Key, requestValues);

        var outcome = Evaluate(op, Key, IdentityCenterKeys, context);

        Assert.True(expected == outcome.Satisfied, outcome.Explanation);
    }

    [Theory]
    [InlineData(new[] { "key1:legal" }, false)]
    [InlineData(new[] { "key1:hr", "key1:personnel" }, false)]
    [InlineData(new[] { "key2:audit" }, true)]
    [InlineData(new[] { "key1:hr", "key2:audit" }, false)]
    [InlineData(null, true)]
    public void Evaluate_WhenDenyUsesForAllValuesStringNotLike_ShouldMatchTheIamGuideTable(string[]? tagKeys, bool expected)
    {
        var context = tagKeys is null ? RequestContext.Empty : Context("aws:TagKeys", tagKeys);

        Assert.Equal(expected, Evaluate("ForAllValues:StringNotLike", "aws:TagKeys", ["key1*"], context).Satisfied);
    }

    [Theory]
    [InlineData(new[] { "13", "9" }, "ForAllValues:NumericGreaterThan", false)]
    [InlineData(new[] { "13", "14" }, "ForAllValues:NumericGreaterThan", true)]
    [InlineData(new[] { "13", "9" }, "ForAnyValue:NumericGreaterThan", true)]
    [InlineData(new[] { "1", "2" }, "ForAnyValue:NumericGreaterThan", false)]
    public void Evaluate_WhenSetOperatorWrapsAnOrderedComparison_ShouldCompareEachRequestValue(string[] requestValues, string op, bool expected)
    {
        Assert.Equal(expected, Evaluate(op, "test:Numbers", ["10", "11", "12"], Context("test:Numbers", requestValues)).Satisfied);
    }

    [Fact]
    public void Evaluate_WhenForAnyValueFindsNothing_ShouldNameTheMissingValue()
    {
        var outcome = Evaluate("ForAnyValue:StringEquals", Key, ["aws:sso:instance-arn"], OneKey(Key, "tenant-key-id", "other"));

        Assert.Equal(new(false, "kms:EncryptionContextKeys has no value 'aws:sso:instance-arn' (values: ['tenant-key-id', 'other'])"), outcome);
    }

    [Fact]
    public void Evaluate_WhenForAnyValueMatches_ShouldNameTheMatchingValue()
    {
        var outcome = Evaluate("ForAnyValue:StringEquals", Key, IdentityCenterKeys, OneKey(Key, "tenant-key-id", "aws:sso:instance-arn"));

        Assert.Equal(new(true, "kms:EncryptionContextKeys has 'aws:sso:instance-arn', policy wants 'aws:sso:instance-arn': match"), outcome);
    }

    [Theory]
    [InlineData("ForAnyValue:StringEquals", false, "kms:EncryptionContextKeys is absent (ForAnyValue: not satisfied)")]
    [InlineData("ForAnyValue:StringEqualsIfExists", false, "kms:EncryptionContextKeys is absent (ForAnyValue: not satisfied; IfExists does not apply to a missing set)")]
    [InlineData("ForAllValues:StringEquals", true, "kms:EncryptionContextKeys is absent (ForAllValues: satisfied, no value fails the test)")]
    public void Evaluate_WhenSetKeyIsMissing_ShouldExplainTheSetRule(string op, bool expected, string explanation)
    {
        Assert.Equal(new(expected, explanation), Evaluate(op, Key, IdentityCenterKeys, RequestContext.Empty));
    }

    [Fact]
    public void Evaluate_WhenForAllValuesFails_ShouldNameTheOffendingValue()
    {
        var outcome = Evaluate("ForAllValues:StringEquals", Key, IdentityCenterKeys, OneKey(Key, "aws:sso:instance-arn", "tenant-key-id"));

        Assert.Equal(new(false, "kms:EncryptionContextKeys value 'tenant-key-id' does not match 'aws:sso:instance-arn' or 'aws:identitystore:identitystore-arn' (ForAllValues: not satisfied)"), outcome);
    }

    [Fact]
    public void Evaluate_WhenNoSetOperatorAndSeveralValuesInAnAllow_ShouldNotBeSatisfied()
    {
        var outcome = Evaluate("StringEquals", Key, IdentityCenterKeys, OneKey(Key, "tenant-key-id", "aws:sso:instance-arn"));

        Assert.Equal(
            new(false, "kms:EncryptionContextKeys carries 2 values ['tenant-key-id', 'aws:sso:instance-arn'] and StringEquals has no "
                + "ForAnyValue:/ForAllValues:: IAM does not match a single-valued operator against several values, not satisfied"),
            outcome);
    }

    [Theory]
    [InlineData("StringEquals", true)]
    [InlineData("StringLike", true)]
    [InlineData("StringNotEquals", true)]
    [InlineData("StringEquals", false, "other")]
    public void Evaluate_WhenNoSetOperatorAndSeveralValuesInADeny_ShouldCountWhateverMightApply(string op, bool expected, string policyValue = "aws:sso:instance-arn")
    {
        var outcome = ConditionEvaluator.Evaluate(Clause(op, Key, policyValue), OneKey(Key, "tenant-key-id", "aws:sso:instance-arn"), StatementEffect.Deny);

        Assert.Equal(expected, outcome.Satisfied);
    }

    [Fact]
    public void Evaluate_WhenNoSetOperatorAndOneValue_ShouldCompareItAsUsual()
    {
        Assert.True(Evaluate("StringLike", Key, ["aws:sso:*"], OneKey(Key, "aws:sso:instance-arn")).Satisfied);
    }
}
