using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

public sealed class ArnConditionTests
{
    private const string AdminPattern = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*";

    [Theory]
    [InlineData(AdminPattern, "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Admin_0123456789abcdef", true)]
    [InlineData(AdminPattern, "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_fedcba", true)]
    [InlineData(AdminPattern, "arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Admin_0123456789abcdef", false)]
    [InlineData(AdminPattern, "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_ReadOnly_0123", false)]
    [InlineData(AdminPattern, "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/awsreservedsso_admin_0123", false)]
    [InlineData(AdminPattern, "arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123", false)]
    [InlineData("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Admin_*", "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Admin_0123", true)]
    [InlineData("arn:aws:sso:::instance/ssoins-*", "arn:aws:sso:::instance/ssoins-1234567890abcdef", true)]
    [InlineData("arn:aws:sso:::instance/ssoins-*", "arn:aws-cn:sso:::instance/ssoins-1234567890abcdef", false)]
    [InlineData("arn:aws*:sso:::instance/*", "arn:aws-us-gov:sso:::instance/ssoins-1", true)]
    [InlineData("arn:aws:kms:*:111122223333:key/*", "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", true)]
    [InlineData("arn:aws:kms:us-east-?:111122223333:key/*", "arn:aws:kms:us-east-2:111122223333:key/k", true)]
    [InlineData("arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/x:log-stream:y", true)]
    [InlineData("arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", false)]
    [InlineData("arn:*:*:*:*:*", "arn:aws:s3:::bucket", true)]
    [InlineData("arn:*:*:*:*:*", "arn:aws:s3::bucket", false)]
    [InlineData("*", "arn:aws:s3:::bucket", false)]
    [InlineData("arn:aws:iam::111122223333:*", "111122223333", false)]
    public void Evaluate_WhenArnIsCompared_ShouldMatchEachOfTheSixPartsOnItsOwn(string pattern, string arn, bool expected)
    {
        foreach (var op in new[] { "ArnLike", "ArnEquals" })
        {
            Assert.Equal(expected, EvaluateOne(op, pattern, arn).Satisfied);
        }

        foreach (var op in new[] { "ArnNotLike", "ArnNotEquals" })
        {
            Assert.Equal(!expected, EvaluateOne(op, pattern, arn).Satisfied);
        }
    }

    [Fact]
    public void Evaluate_WhenStringLikeAndArnLikeSeeTheSameValue_ShouldDisagreeAsTheIamGuideShows()
    {
        const string pattern = "arn:aws:someservice:*:111122223333:finance/*";
        const string value = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";

        Assert.True(EvaluateOne("StringLike", pattern, value).Satisfied);
        Assert.False(EvaluateOne("ArnLike", pattern, value).Satisfied);
    }

    [Theory]
    [InlineData("ArnLike", false)]
    [InlineData("ArnEquals", false)]
    [InlineData("ArnNotLike", true)]
    [InlineData("ArnNotEquals", true)]
    [InlineData("ArnLikeIfExists", true)]
    [InlineData("ArnNotLikeIfExists", true)]
    public void Evaluate_WhenArnKeyIsMissing_ShouldFollowIamMissingKeyRules(string op, bool expected)
    {
        Assert.Equal(expected, Evaluate(op, "aws:SourceArn", ["arn:aws:sso:::instance/*"], Context()).Satisfied);
    }

    [Fact]
    public void Evaluate_WhenArnPatternUsesAVariable_ShouldExpandItFirst()
    {
        var context = Context("aws:PrincipalAccount", "111122223333", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Admin_1");

        var outcome = Evaluate("ArnLike", "aws:PrincipalArn", ["arn:aws:iam::${aws:PrincipalAccount}:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*"], context);

        Assert.True(outcome.Satisfied, outcome.Explanation);
        Assert.Contains("= 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*': match", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WhenArnVariableHasNoValue_ShouldMatchNothingAndSayWhy()
    {
        var outcome = Evaluate("ArnEquals", "aws:SourceArn", ["arn:aws:sso:::instance/${sso:InstanceId}"], Context("aws:SourceArn", "arn:aws:sso:::instance/ssoins-1"));

        Assert.Equal(new(false, "aws:SourceArn is 'arn:aws:sso:::instance/ssoins-1', policy wants 'arn:aws:sso:::instance/${sso:InstanceId}' (sso:InstanceId has no value: matches nothing): no match"), outcome);
    }
}
