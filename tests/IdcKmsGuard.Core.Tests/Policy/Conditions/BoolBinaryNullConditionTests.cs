using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

public sealed class BoolBinaryNullConditionTests
{
    [Theory]
    [InlineData("true", "true", true)]
    [InlineData("true", "TRUE", true)]
    [InlineData("True", "true", true)]
    [InlineData("true", "false", false)]
    [InlineData("false", "false", true)]
    [InlineData("false", "False", true)]
    [InlineData("true", "yes", false)]
    [InlineData("true", "1", false)]
    [InlineData("yes", "true", false)]
    [InlineData("${aws:SecureTransport}", "true", false)]
    public void Evaluate_WhenBoolIsCompared_ShouldCompareTrueAndFalseIgnoringCase(string policyValue, string requestValue, bool expected)
    {
        Assert.Equal(expected, EvaluateOne("Bool", policyValue, requestValue).Satisfied);
    }

    [Fact]
    public void Evaluate_WhenBoolKeyIsMissing_ShouldNotBeSatisfied()
    {
        var outcome = Evaluate("Bool", "aws:PrincipalIsAWSService", ["true"], Context());

        Assert.Equal(new(false, "aws:PrincipalIsAWSService is absent: not satisfied"), outcome);
    }

    [Fact]
    public void Evaluate_WhenBoolIfExistsKeyIsMissing_ShouldBeSatisfied()
    {
        Assert.True(Evaluate("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"], Context()).Satisfied);
    }

    [Theory]
    [InlineData("QmluYXJ5VmFsdWVJbkJhc2U2NA==", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", true)]
    [InlineData("QmluYXJ5VmFsdWVJbkJhc2U2NA==", "QmluYXJ5VmFsdWVJbkJhc2U2NQ==", false)]
    [InlineData("QmluYXJ5VmFsdWVJbkJhc2U2NA==", "qmluYXJ5VmFsdWVJbkJhc2U2NA==", false)]
    [InlineData("not base64!", "not base64!", false)]
    [InlineData("", "", true)]
    public void Evaluate_WhenBinaryEqualsIsCompared_ShouldCompareTheDecodedBytes(string policyValue, string requestValue, bool expected)
    {
        Assert.Equal(expected, EvaluateOne("BinaryEquals", policyValue, requestValue).Satisfied);
    }

    [Theory]
    [InlineData("true", false, true)]
    [InlineData("true", true, false)]
    [InlineData("false", true, true)]
    [InlineData("false", false, false)]
    [InlineData("TRUE", false, true)]
    [InlineData("maybe", false, false)]
    [InlineData("maybe", true, false)]
    public void Evaluate_WhenNullChecksExistence_ShouldTestPresenceOnly(string policyValue, bool keyPresent, bool expected)
    {
        var context = keyPresent ? Context("aws:TokenIssueTime", "2020-01-01T00:00:00Z") : Context();

        Assert.Equal(expected, Evaluate("Null", "aws:TokenIssueTime", [policyValue], context).Satisfied);
    }

    [Fact]
    public void Evaluate_WhenNullKeyIsPresentWithNoValues_ShouldCountItAbsent()
    {
        var outcome = Evaluate("Null", "kms:EncryptionContextKeys", ["true"], Context("kms:EncryptionContextKeys", Array.Empty<string>()));

        Assert.Equal(new(true, "kms:EncryptionContextKeys is absent, Null 'true' wants it absent: satisfied"), outcome);
    }

    [Fact]
    public void Evaluate_WhenNullFails_ShouldSayWhatItWanted()
    {
        var outcome = Evaluate("Null", "kms:ViaService", ["false"], Context());

        Assert.Equal(new(false, "kms:ViaService is absent, Null 'false' wants it present: not satisfied"), outcome);
    }
}
