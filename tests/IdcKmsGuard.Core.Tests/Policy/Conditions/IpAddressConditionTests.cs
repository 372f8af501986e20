using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

public sealed class IpAddressConditionTests
{
    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.0", true)]
    [InlineData("203.0.113.0/24", "203.0.113.255", true)]
    [InlineData("203.0.113.0/24", "203.0.114.1", false)]
    [InlineData("203.0.113.7/24", "203.0.113.200", true)]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("172.16.0.0/12", "172.31.255.255", true)]
    [InlineData("172.16.0.0/12", "172.32.0.0", false)]
    [InlineData("0.0.0.0/0", "198.51.100.9", true)]
    [InlineData("203.0.113.5", "203.0.113.5", true)]
    [InlineData("203.0.113.5", "203.0.113.6", false)]
    [InlineData("203.0.113.5/32", "203.0.113.5", true)]
    [InlineData("2001:DB8:1234:5678::/64", "2001:db8:1234:5678:abcd::1", true)]
    [InlineData("2001:DB8:1234:5678::/64", "2001:db8:1234:5679::1", false)]
    [InlineData("2001:db8::/32", "2001:0db8:ffff::1", true)]
    [InlineData("2001:db8::1", "2001:db8:0:0:0:0:0:1", true)]
    [InlineData("2001:db8::1", "2001:db8::2", false)]
    [InlineData("2001:db8::/120", "2001:db8::ff", true)]
    [InlineData("2001:db8::/121", "2001:db8::ff", false)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.9", true)]
    [InlineData("::/0", "203.0.113.9", false)]
    [InlineData("203.0.113.0/24", "2001:db8::1", false)]
    public void Evaluate_WhenAddressIsTestedAgainstARange_ShouldMatchCidrAndSingleAddresses(string policyValue, string sourceIp, bool expected)
    {
        Assert.Equal(expected, EvaluateOne("IpAddress", policyValue, sourceIp).Satisfied);
        Assert.Equal(!expected, EvaluateOne("NotIpAddress", policyValue, sourceIp).Satisfied);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10.1")]
    [InlineData("010.0.0.1/8")]
    [InlineData("256.0.0.0/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("2001:db8::/129")]
    [InlineData("fe80::1%eth0")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("${aws:SourceIp}")]
    public void Evaluate_WhenPolicyRangeIsMalformed_ShouldMatchNothing(string policyValue)
    {
        var outcome = EvaluateOne("IpAddress", policyValue, "10.0.0.1");

        Assert.False(outcome.Satisfied);
        Assert.Contains("not an IP address or CIDR range", outcome.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("vpce-1a2b3c4d")]
    [InlineData("10.0.0.1/32")]
    public void Evaluate_WhenSourceIpIsNotAnAddress_ShouldNotMatch(string sourceIp)
    {
        Assert.False(EvaluateOne("IpAddress", "10.0.0.0/8", sourceIp).Satisfied);
    }

    [Theory]
    [InlineData("IpAddress", false)]
    [InlineData("NotIpAddress", true)]
    [InlineData("IpAddressIfExists", true)]
    public void Evaluate_WhenSourceIpIsMissing_ShouldFollowIamMissingKeyRules(string op, bool expected)
    {
        Assert.Equal(expected, Evaluate(op, "aws:SourceIp", ["203.0.113.0/24"], Context()).Satisfied);
    }

    [Fact]
    public void Evaluate_WhenIpv4AndIpv6RangesAreMixed_ShouldMatchEither()
    {
        string[] ranges = ["203.0.113.0/24", "2001:DB8:1234:5678::/64"];

        Assert.True(Evaluate("IpAddress", "aws:SourceIp", ranges, Context("aws:SourceIp", "2001:db8:1234:5678::9")).Satisfied);
        Assert.True(Evaluate("IpAddress", "aws:SourceIp", ranges, Context("aws:SourceIp", "203.0.113.9")).Satisfied);
        Assert.False(Evaluate("NotIpAddress", "aws:SourceIp", ranges, Context("aws:SourceIp", "203.0.113.9")).Satisfied);
    }
}
