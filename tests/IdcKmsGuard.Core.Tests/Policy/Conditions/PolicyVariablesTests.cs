using IdcKmsGuard.Core.Policy.Conditions;
using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

public sealed class PolicyVariablesTests
{
    private static readonly IdcKmsGuard.Core.Policy.Evaluation.RequestContext Request = Context(
        "aws:ResourceAccount", "111122223333",
        "aws:ResourceOrgID", "o-a1b2c3d4e5",
        "aws:PrincipalAccount", "444455556666",
        "aws:username", "alice",
        "kms:EncryptionContextKeys", new[] { "aws:sso:instance-arn", "tenant-key-id" });

    [Theory]
    [InlineData("${aws:ResourceAccount}", "111122223333")]
    [InlineData("${aws:ResourceOrgID}", "o-a1b2c3d4e5")]
    [InlineData("${aws:PrincipalAccount}", "444455556666")]
    [InlineData("${AWS:RESOURCEACCOUNT}", "111122223333")]
    [InlineData("${ aws:username }", "alice")]
    [InlineData("home/${aws:username}/*", "home/alice/*")]
    [InlineData("${aws:ResourceAccount}-${aws:PrincipalAccount}", "111122223333-444455556666")]
    [InlineData("${aws:userid, 'anonymous'}", "anonymous")]
    [InlineData("${aws:username, 'anonymous'}", "alice")]
    [InlineData("${aws:userid,'anonymous'}", "anonymous")]
    [InlineData("${aws:userid, 'it''s}'}", "it's}")]
    [InlineData("${aws:userid, ''}", "")]
    [InlineData("${aws:userid, '${aws:username}'}", "${aws:username}")]
    [InlineData("${*}", "*")]
    [InlineData("${?}", "?")]
    [InlineData("${$}", "$")]
    [InlineData("price${$}5", "price$5")]
    [InlineData("no variables here", "no variables here")]
    [InlineData("$5 and {braces}", "$5 and {braces}")]
    [InlineData("", "")]
    public void TryExpand_WhenVariablesResolve_ShouldSubstituteThem(string value, string expected)
    {
        Assert.True(PolicyVariables.TryExpand(value, Request, out var expanded));
        Assert.Equal(expected, expanded);
    }

    [Theory]
    [InlineData("${aws:userid}", "aws:userid has no value")]
    [InlineData("arn:aws:iam::${aws:userid}:root", "aws:userid has no value")]
    [InlineData("${kms:EncryptionContextKeys}", "kms:EncryptionContextKeys has 2 values and a multivalued key cannot be a policy variable")]
    [InlineData("${aws:username", "'${aws:username' is not a well-formed policy variable")]
    [InlineData("${}", "'${}' is not a well-formed policy variable")]
    [InlineData("${aws:userid, anonymous}", "'${aws:userid, anonymous}' is not a well-formed policy variable")]
    [InlineData("${aws:userid, 'anonymous}", "'${aws:userid, 'anonymous}' is not a well-formed policy variable")]
    public void TryExpand_WhenAVariableCannotResolve_ShouldFailAndSayWhy(string value, string problem)
    {
        Assert.False(PolicyVariables.TryExpand(value, Request, out _, out var reason));
        Assert.Equal(problem, reason);
    }

    [Theory]
    [InlineData("StringEquals", "a${*}b", "a*b", true)]
    [InlineData("StringEquals", "a${*}b", "aXb", false)]
    [InlineData("StringLike", "a${*}b", "a*b", true)]
    [InlineData("StringLike", "a${*}b", "aXb", false)]
    [InlineData("StringLike", "a${?}*", "a?anything", true)]
    [InlineData("StringLike", "a${?}*", "ab", false)]
    [InlineData("StringLike", "${*}*", "*suffix", true)]
    [InlineData("StringLike", "${*}*", "suffix", false)]
    [InlineData("StringNotLike", "a${*}b", "aXb", true)]
    [InlineData("ArnLike", "arn:aws:s3:::bucket/${*}", "arn:aws:s3:::bucket/*", true)]
    [InlineData("ArnLike", "arn:aws:s3:::bucket/${*}", "arn:aws:s3:::bucket/key", false)]
    public void Evaluate_WhenSpecialVariableStandsForAWildcardCharacter_ShouldMatchOnlyThatCharacter(string op, string policyValue, string requestValue, bool expected)
    {
        Assert.Equal(expected, EvaluateOne(op, policyValue, requestValue).Satisfied);
    }

    [Fact]
    public void Evaluate_WhenSubstitutedValueContainsWildcardCharacters_ShouldTreatThemLiterally()
    {
        var context = Context("aws:PrincipalTag/prefix", "team-*", "s3:prefix", "team-red");

        Assert.False(Evaluate("StringLike", "s3:prefix", ["${aws:PrincipalTag/prefix}"], context).Satisfied);
        Assert.True(Evaluate("StringLike", "s3:prefix", ["${aws:PrincipalTag/prefix}"], context.With("s3:prefix", "team-*")).Satisfied);
    }

    [Fact]
    public void Evaluate_WhenResourceAccountVariableMatches_ShouldShowTheExpansion()
    {
        var context = Context("aws:SourceAccount", "111122223333", "aws:ResourceAccount", "111122223333");

        var outcome = Evaluate("StringEquals", "aws:SourceAccount", ["${aws:ResourceAccount}"], context);

        Assert.Equal(new(true, "aws:SourceAccount is '111122223333', policy wants '${aws:ResourceAccount}' = '111122223333': match"), outcome);
    }

    [Fact]
    public void Evaluate_WhenVariableHasNoValueAndNoDefault_ShouldMatchNothing()
    {
        var context = Context("aws:SourceAccount", "111122223333");

        var outcome = Evaluate("StringEquals", "aws:SourceAccount", ["${aws:ResourceAccount}"], context);

        Assert.Equal(new(false, "aws:SourceAccount is '111122223333', policy wants '${aws:ResourceAccount}' (aws:ResourceAccount has no value: matches nothing): no match"), outcome);
    }

    [Fact]
    public void Evaluate_WhenVariableHasNoValueUnderANegatedOperator_ShouldBeSatisfiedAsIamDocuments()
    {
        // IAM: an unresolved variable is null; "inverted condition operators like StringNotEquals ... do match against a null value".
        var outcome = Evaluate("StringNotEquals", "aws:PrincipalOrgID", ["${aws:ResourceOrgID}"], Context("aws:PrincipalOrgID", "o-a1b2c3d4e5"));

        Assert.True(outcome.Satisfied, outcome.Explanation);
    }

    [Fact]
    public void Evaluate_WhenVariableHasADefault_ShouldCompareAgainstTheDefault()
    {
        var outcome = Evaluate("StringEquals", "aws:PrincipalOrgID", ["${aws:ResourceOrgID, 'o-a1b2c3d4e5'}"], Context("aws:PrincipalOrgID", "o-a1b2c3d4e5"));

        Assert.Equal(new(true, "aws:PrincipalOrgID is 'o-a1b2c3d4e5', policy wants '${aws:ResourceOrgID, 'o-a1b2c3d4e5'}' = 'o-a1b2c3d4e5': match"), outcome);
    }

    [Theory]
    [InlineData("NumericEquals", "${s3:max-keys}", "10")]
    [InlineData("DateEquals", "${aws:CurrentTime}", "2020-01-01T00:00:00Z")]
    [InlineData("Bool", "${aws:SecureTransport}", "true")]
    [InlineData("IpAddress", "${aws:SourceIp}", "10.0.0.1")]
    public void Evaluate_WhenVariableIsUsedOutsideStringAndArnOperators_ShouldNotExpandIt(string op, string policyValue, string requestValue)
    {
        var key = policyValue[2..^1];

        Assert.False(Evaluate(op, key, [policyValue], Context(key, requestValue)).Satisfied);
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:s3:::bucket/alice/report", true)]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/${aws:username}", "arn:aws:kms:us-east-1:111122223333:key/alice", true)]
    [InlineData("arn:aws:kms:us-east-1:${aws:ResourceAccount}:key/*", "arn:aws:kms:us-east-1:111122223333:key/k", false)]
    [InlineData("arn:aws:kms:us-east-1:${aws:ResourceAccount}:key/*", "arn:aws:kms:us-east-1:${aws:ResourceAccount}:key/k", true)]
    [InlineData("arn:${aws:username}:kms:*:*:key/*", "arn:alice:kms:us-east-1:111122223333:key/k", false)]
    [InlineData("${aws:username}", "alice", false)]
    public void ExpandResource_WhenAVariableStandsBeforeTheFifthColon_ShouldLeaveItAsText(string resource, string arn, bool matches)
    {
        Assert.True(ResourceArnVariables.TryExpand(resource, Request, out var pattern));
        Assert.Equal(matches, pattern.Matches(arn, ignoreCase: false));
    }

    [Theory]
    [InlineData("arn:aws:kms:us-east-1:${aws:ResourceAccount}:key/*", true)]
    [InlineData("arn:aws:kms:${aws:RequestedRegion}:111122223333:key/*", true)]
    [InlineData("arn:aws:s3:::bucket/${aws:username}", false)]
    [InlineData("arn:aws:kms:*:111122223333:key/${aws:username}:${aws:userid}", false)]
    [InlineData("*", false)]
    public void HasVariableBeforeResourcePart_ShouldCountColonsOutsideVariables(string resource, bool expected)
    {
        Assert.Equal(expected, ResourceArnVariables.HasVariableBeforeResourcePart(resource));
    }
}
