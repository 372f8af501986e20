using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

public sealed class DateConditionTests
{
    [Theory]
    [InlineData("2020-01-01T00:00:01Z", "2020-01-01T00:00:01Z")]
    [InlineData("2020-01-01T00:00:01Z", "2020-01-01T01:00:01+01:00")]
    [InlineData("2020-01-01T00:00:01Z", "2019-12-31T19:00:01-05:00")]
    [InlineData("2020-01-01T00:00:01Z", "2020-01-01T00:00:01.000Z")]
    [InlineData("2020-01-01T00:00:01Z", "2020-01-01T00:00:01")]
    [InlineData("2020-01-01T00:00:01Z", "1577836801")]
    [InlineData("2020-01-01T00:00:01Z", "20200101T000001Z")]
    [InlineData("2020-01-01", "2020-01-01T00:00:00Z")]
    [InlineData("2020-01", "2020-01-01T00:00Z")]
    [InlineData("1577836801", "2020-01-01T00:00:01Z")]
    public void Evaluate_WhenDatesAreWrittenDifferently_ShouldCompareTheInstant(string policyValue, string requestValue)
    {
        Assert.True(EvaluateOne("DateEquals", policyValue, requestValue).Satisfied);
    }

    [Theory]
    [InlineData("DateEquals", "2020-01-01T00:00:00Z", "2020-01-01T00:00:01Z", false)]
    [InlineData("DateNotEquals", "2020-01-01T00:00:00Z", "2020-01-01T00:00:01Z", true)]
    [InlineData("DateNotEquals", "2020-01-01T00:00:00Z", "1577836800", false)]
    [InlineData("DateLessThan", "2020-01-01T00:00:00Z", "2019-12-31T23:59:59Z", true)]
    [InlineData("DateLessThan", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", false)]
    [InlineData("DateLessThanEquals", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", true)]
    [InlineData("DateLessThanEquals", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00.5Z", false)]
    [InlineData("DateGreaterThan", "2020-01-01T00:00:00Z", "2020-01-01T00:00:01Z", true)]
    [InlineData("DateGreaterThan", "1577836800", "2020-01-01T00:00:00Z", false)]
    [InlineData("DateGreaterThanEquals", "2020-01-01T00:00:00Z", "1577836800", true)]
    [InlineData("DateGreaterThanEquals", "2020-01-01T00:00:00Z", "1577836799", false)]
    public void Evaluate_WhenDatesAreCompared_ShouldFollowTheOperator(string op, string policyValue, string requestValue, bool expected)
    {
        Assert.Equal(expected, EvaluateOne(op, policyValue, requestValue).Satisfied);
    }

    [Theory]
    [InlineData("yesterday", "2020-01-01T00:00:00Z")]
    [InlineData("2020-13-01", "2020-01-01T00:00:00Z")]
    [InlineData("2020-01-01T25:00:00Z", "2020-01-01T00:00:00Z")]
    [InlineData("2020-01-*", "2020-01-01T00:00:00Z")]
    [InlineData("${aws:CurrentTime}", "2020-01-01T00:00:00Z")]
    [InlineData("99999999999999999999", "2020-01-01T00:00:00Z")]
    [InlineData("2020-01-01T00:00:00Z", "soon")]
    [InlineData("2020-01-01T00:00:00Z", "")]
    public void Evaluate_WhenEitherSideIsNotADate_ShouldNotMatch(string policyValue, string requestValue)
    {
        Assert.False(EvaluateOne("DateEquals", policyValue, requestValue).Satisfied);
        Assert.False(EvaluateOne("DateGreaterThan", policyValue, requestValue).Satisfied);
    }

    [Fact]
    public void Evaluate_WhenPolicyDateIsInvalid_ShouldSaySo()
    {
        var outcome = Evaluate("DateGreaterThan", "aws:TokenIssueTime", ["last year"], Context("aws:TokenIssueTime", "2020-06-01T00:00:00Z"));

        Assert.Equal("aws:TokenIssueTime is '2020-06-01T00:00:00Z', policy wants > 'last year' (not an ISO 8601 date or epoch seconds): no match", outcome.Explanation);
    }

    [Fact]
    public void Evaluate_WhenTokenIssueTimeIsMissing_ShouldNotSatisfyAPositiveDateOperator()
    {
        var outcome = Evaluate("DateGreaterThan", "aws:TokenIssueTime", ["2020-01-01T00:00:01Z"], Context());

        Assert.Equal(new(false, "aws:TokenIssueTime is absent: not satisfied"), outcome);
    }
}
