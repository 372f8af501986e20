using IdcKmsGuard.Core.Policy.Evaluation;
using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

public sealed class StringConditionTests
{
    [Theory]
    [InlineData("StringEquals", "111122223333", "111122223333", true)]
    [InlineData("StringEquals", "abc", "ABC", false)]
    [InlineData("StringEquals", "sso.*.amazonaws.com", "sso.us-east-1.amazonaws.com", false)]
    [InlineData("StringEquals", "a*", "a*", true)]
    [InlineData("StringNotEquals", "111122223333", "444455556666", true)]
    [InlineData("StringNotEquals", "111122223333", "111122223333", false)]
    [InlineData("StringNotEquals", "abc", "ABC", true)]
    [InlineData("StringEqualsIgnoreCase", "abc", "ABC", true)]
    [InlineData("StringEqualsIgnoreCase", "abc", "abd", false)]
    [InlineData("StringNotEqualsIgnoreCase", "abc", "ABC", false)]
    [InlineData("StringNotEqualsIgnoreCase", "abc", "abd", true)]
    [InlineData("StringLike", "sso.*.amazonaws.com", "sso.us-east-1.amazonaws.com", true)]
    [InlineData("StringLike", "sso.*.amazonaws.com", "identitystore.us-east-1.amazonaws.com", false)]
    [InlineData("StringLike", "SSO.*.amazonaws.com", "sso.us-east-1.amazonaws.com", false)]
    [InlineData("StringLike", "arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", true)]
    [InlineData("StringLike", "*", "", true)]
    [InlineData("StringLike", "*", "arn:aws:sso:::instance/ssoins-1234567890abcdef", true)]
    [InlineData("StringLike", "us-east-?", "us-east-1", true)]
    [InlineData("StringLike", "us-east-?", "us-east-10", false)]
    [InlineData("StringLike", "a*b*c", "aXbYbZc", true)]
    [InlineData("StringLike", "a*b*c", "aXbYbZ", false)]
    [InlineData("StringNotLike", "sso.*.amazonaws.com", "sso.us-east-1.amazonaws.com", false)]
    [InlineData("StringNotLike", "sso.*.amazonaws.com", "kms.us-east-1.amazonaws.com", true)]
    public void Evaluate_WhenOneStringValueIsCompared_ShouldFollowTheOperator(string op, string policyValue, string requestValue, bool expected)
    {
        var outcome = EvaluateOne(op, policyValue, requestValue);

        Assert.Equal(expected, outcome.Satisfied);
    }

    [Theory]
    [InlineData("StringEquals", "444455556666", true)]
    [InlineData("StringEquals", "999999999999", false)]
    [InlineData("StringNotEquals", "444455556666", false)]
    [InlineData("StringNotEquals", "999999999999", true)]
    public void Evaluate_WhenClauseHasSeveralValues_ShouldOrThemAndNorThemWhenNegated(string op, string requestValue, bool expected)
    {
        var outcome = Evaluate(op, "aws:SourceAccount", ["111122223333", "444455556666"], Context("aws:SourceAccount", requestValue));

        Assert.Equal(expected, outcome.Satisfied);
    }

    [Theory]
    [InlineData("StringEquals", false, "aws:SourceAccount is absent: not satisfied")]
    [InlineData("StringLike", false, "aws:SourceAccount is absent: not satisfied")]
    [InlineData("StringNotEquals", true, "aws:SourceAccount is absent (StringNotEquals on a missing key: satisfied)")]
    [InlineData("StringNotLike", true, "aws:SourceAccount is absent (StringNotLike on a missing key: satisfied)")]
    [InlineData("StringNotEqualsIgnoreCase", true, "aws:SourceAccount is absent (StringNotEqualsIgnoreCase on a missing key: satisfied)")]
    [InlineData("StringEqualsIfExists", true, "aws:SourceAccount is absent (IfExists: satisfied)")]
    [InlineData("StringNotEqualsIfExists", true, "aws:SourceAccount is absent (IfExists: satisfied)")]
    public void Evaluate_WhenKeyIsMissing_ShouldFollowIamMissingKeyRules(string op, bool expected, string explanation)
    {
        var outcome = Evaluate(op, "aws:SourceAccount", ["111122223333"], RequestContext.Empty);

        Assert.Equal(new(expected, explanation), outcome);
    }

    [Theory]
    [InlineData("StringEqualsIfExists", "111122223333", true)]
    [InlineData("StringEqualsIfExists", "444455556666", false)]
    [InlineData("StringNotEqualsIfExists", "111122223333", false)]
    [InlineData("StringLikeIfExists", "111122223333", true)]
    public void Evaluate_WhenIfExistsKeyIsPresent_ShouldCompareNormally(string op, string requestValue, bool expected)
    {
        var outcome = Evaluate(op, "aws:SourceAccount", ["111122223333"], Context("aws:SourceAccount", requestValue));

        Assert.Equal(expected, outcome.Satisfied);
    }

    [Theory]
    [InlineData("AWS:SOURCEACCOUNT")]
    [InlineData("aws:sourceaccount")]
    [InlineData("Aws:SourceAccount")]
    public void Evaluate_WhenKeyCaseDiffersFromTheRequest_ShouldStillFindTheKey(string policyKey)
    {
        var outcome = Evaluate("StringEquals", policyKey, ["111122223333"], Context("aws:SourceAccount", "111122223333"));

        Assert.True(outcome.Satisfied, outcome.Explanation);
    }

    [Fact]
    public void Evaluate_WhenValueMatches_ShouldExplainWithBothSides()
    {
        var outcome = Evaluate("StringLike", "kms:ViaService", ["sso.*.amazonaws.com", "identitystore.*.amazonaws.com"], Context("kms:ViaService", "identitystore.eu-west-1.amazonaws.com"));

        Assert.Equal("kms:ViaService is 'identitystore.eu-west-1.amazonaws.com', policy wants 'identitystore.*.amazonaws.com': match", outcome.Explanation);
    }

    [Fact]
    public void Evaluate_WhenNoValueMatches_ShouldListEveryPolicyValue()
    {
        var outcome = Evaluate("StringEqualsIgnoreCase", "aws:PrincipalOrgID", ["o-a1b2c3d4e5", "o-zzzzzzzzzz"], Context("aws:PrincipalOrgID", "o-other"));

        Assert.Equal("aws:PrincipalOrgID is 'o-other', policy wants 'o-a1b2c3d4e5' or 'o-zzzzzzzzzz' (ignoring case): no match", outcome.Explanation);
    }

    [Theory]
    [InlineData("444455556666", true, "aws:SourceAccount is '444455556666', policy excludes '111122223333': not excluded, satisfied")]
    [InlineData("111122223333", false, "aws:SourceAccount is '111122223333', policy excludes '111122223333': excluded, not satisfied")]
    public void Evaluate_WhenNegatedOperatorDecides_ShouldSayExcludedOrNot(string requestValue, bool expected, string explanation)
    {
        var outcome = Evaluate("StringNotEquals", "aws:SourceAccount", ["111122223333"], Context("aws:SourceAccount", requestValue));

        Assert.Equal(new(expected, explanation), outcome);
    }

    [Fact]
    public void Evaluate_WhenClauseHasNoValues_ShouldNotBeSatisfied()
    {
        var outcome = Evaluate("StringEquals", "aws:SourceAccount", [], Context("aws:SourceAccount", "111122223333"));

        Assert.Equal(new(false, "aws:SourceAccount is '111122223333', policy wants no value: no match"), outcome);
    }
}
