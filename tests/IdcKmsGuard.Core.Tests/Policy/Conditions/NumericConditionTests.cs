using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

public sealed class NumericConditionTests
{
    [Theory]
    [InlineData("NumericEquals", "10", "10", true)]
    [InlineData("NumericEquals", "10", "10.0", true)]
    [InlineData("NumericEquals", "10", "1e1", true)]
    [InlineData("NumericEquals", "10", "11", false)]
    [InlineData("NumericEquals", "-5", "-5.000", true)]
    [InlineData("NumericEquals", "0.1", "0.10", true)]
    [InlineData("NumericNotEquals", "10", "11", true)]
    [InlineData("NumericNotEquals", "10", "10.0", false)]
    [InlineData("NumericLessThan", "10", "9.999", true)]
    [InlineData("NumericLessThan", "10", "10", false)]
    [InlineData("NumericLessThanEquals", "10", "10", true)]
    [InlineData("NumericLessThanEquals", "10", "10.001", false)]
    [InlineData("NumericGreaterThan", "10", "10.001", true)]
    [InlineData("NumericGreaterThan", "10", "10", false)]
    [InlineData("NumericGreaterThan", "-1", "0", true)]
    [InlineData("NumericGreaterThanEquals", "10", "10", true)]
    [InlineData("NumericGreaterThanEquals", "10", "9", false)]
    [InlineData("NumericLessThan", "79228162514264337593543950335", "-79228162514264337593543950335", true)]
    public void Evaluate_WhenNumbersAreCompared_ShouldCompareAsDecimals(string op, string policyValue, string requestValue, bool expected)
    {
        Assert.Equal(expected, EvaluateOne(op, policyValue, requestValue).Satisfied);
    }

    [Theory]
    [InlineData("NumericEquals", "ten", "10")]
    [InlineData("NumericEquals", "", "10")]
    [InlineData("NumericEquals", "0x0A", "10")]
    [InlineData("NumericEquals", "${aws:MaxKeys}", "10")]
    [InlineData("NumericGreaterThan", "1e400", "10")]
    [InlineData("NumericEquals", "10", "ten")]
    [InlineData("NumericEquals", "10", " 10")]
    [InlineData("NumericEquals", "10", "NaN")]
    public void Evaluate_WhenEitherSideIsNotANumber_ShouldNotMatch(string op, string policyValue, string requestValue)
    {
        Assert.False(EvaluateOne(op, policyValue, requestValue).Satisfied);
    }

    [Fact]
    public void Evaluate_WhenPolicyValueIsNotANumber_ShouldSaySo()
    {
        var outcome = Evaluate("NumericLessThanEquals", "s3:max-keys", ["ten"], Context("s3:max-keys", "5"));

        Assert.Equal("s3:max-keys is '5', policy wants <= 'ten' (not a number): no match", outcome.Explanation);
    }

    [Fact]
    public void Evaluate_WhenRequestValueIsNotANumber_ShouldSaySo()
    {
        var outcome = Evaluate("NumericLessThanEquals", "s3:max-keys", ["10"], Context("s3:max-keys", "lots"));

        Assert.Equal("s3:max-keys is 'lots' ('lots' is not a number), policy wants <= '10': no match", outcome.Explanation);
    }

    [Fact]
    public void Evaluate_WhenNegatedAndRequestValueIsNotANumber_ShouldBeSatisfiedBecauseNothingMatches()
    {
        Assert.True(EvaluateOne("NumericNotEquals", "10", "lots").Satisfied);
    }

    [Theory]
    [InlineData("NumericEquals", false)]
    [InlineData("NumericNotEquals", true)]
    [InlineData("NumericLessThanIfExists", true)]
    public void Evaluate_WhenNumericKeyIsMissing_ShouldFollowIamMissingKeyRules(string op, bool expected)
    {
        Assert.Equal(expected, Evaluate(op, "s3:max-keys", ["10"], Context()).Satisfied);
    }
}
