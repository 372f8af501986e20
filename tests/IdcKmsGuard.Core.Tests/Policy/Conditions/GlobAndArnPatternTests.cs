using IdcKmsGuard.Core.Policy.Conditions;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

public sealed class GlobAndArnPatternTests
{
    [Theory]
    [InlineData("kms:*", "kms:Decrypt", false, true)]
    [InlineData("kms:*", "KMS:Decrypt", false, false)]
    [InlineData("kms:*", "KMS:Decrypt", true, true)]
    [InlineData("kms:ReEncrypt*", "kms:ReEncryptFrom", true, true)]
    [InlineData("kms:Describe?ey", "kms:DescribeKey", true, true)]
    [InlineData("kms:Describe?ey", "kms:DescribeKKey", true, false)]
    [InlineData("*", "", false, true)]
    [InlineData("", "", false, true)]
    [InlineData("", "a", false, false)]
    [InlineData("?", "", false, false)]
    [InlineData("**", "abc", false, true)]
    [InlineData("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false, false)]
    [InlineData("a*:*b", "a:x:y:b", false, true)]
    [InlineData("ÄBC*", "äbcdef", true, true)]
    public void Matches_WhenPatternHasWildcards_ShouldMatchLikeIam(string pattern, string value, bool ignoreCase, bool expected)
    {
        Assert.Equal(expected, Glob.Matches(pattern, value, ignoreCase));
        Assert.Equal(expected, GlobPattern.Parse(pattern).Matches(value, ignoreCase));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/a/b/c", true)]
    [InlineData("arn:aws:iam::*:root", "arn:aws:iam::444455556666:root", true)]
    [InlineData("arn:aws:iam::*:root", "arn:aws:iam:us-east-1:444455556666:root", false)]
    [InlineData("arn:aws:iam::1111222?3333:root", "arn:aws:iam::111122223333:root", true)]
    [InlineData("arn:aws:iam::*", "arn:aws:iam::111122223333:root", false)]
    [InlineData("arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333", false)]
    [InlineData("ARN:aws:iam::111122223333:root", "arn:aws:iam::111122223333:root", false)]
    public void Matches_WhenArnPatternIsChecked_ShouldCompareSixPartsCaseSensitively(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnPattern.Matches(pattern, arn));
    }

    [Theory]
    [InlineData("arn:aws:sso:::instance/ssoins-1", true)]
    [InlineData("arn:aws:sso::instance", false)]
    [InlineData("111122223333", false)]
    public void IsArn_WhenValueIsChecked_ShouldRequireSixParts(string value, bool expected)
    {
        Assert.Equal(expected, ArnPattern.IsArn(value));
    }
}
