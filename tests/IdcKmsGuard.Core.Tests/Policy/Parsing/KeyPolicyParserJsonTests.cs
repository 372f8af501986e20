using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

/// <summary>What the JSON reader lets through or stops: syntax errors, nesting depth, repeated names.</summary>
public sealed class KeyPolicyParserJsonTests
{
    [Theory]
    [InlineData("", "line 1, byte 1")]
    [InlineData("{ \"Statement\": [ }", "line 1, byte 18")]
    [InlineData("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": tru\n}", "line 3, byte 19")]
    [InlineData("{ \"Statement\": [], }", "line 1, byte 20")]
    [InlineData("{ // comment\n \"Statement\": [] }", "line 1, byte 3")]
    [InlineData("{ \"Statement\": [] } {}", "line 1, byte 21")]
    [InlineData("{ \"Statement\": \"a\tb\" }", "line 1, byte 18")]
    public void Parse_WhenJsonIsMalformed_ShouldReportPolicyWithLineAndByte(string json, string position)
    {
        var error = ParseAssert.Fails(json, "Policy", $"is not valid JSON at {position}: ");

        Assert.DoesNotContain("LineNumber", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenNestingExceedsTheDepthLimit_ShouldReportPolicyNotOverflow()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        ParseAssert.Fails($$"""{ "Statement": {{ParseAssert.Admin}}, "Id": {{deep}} }""", "Policy", "maximum configured depth of 64");
    }

    [Fact]
    public void Parse_WhenNestingIsWithinTheDepthLimit_ShouldReachTheGrammar()
    {
        var nested = new string('[', KeyPolicyParser.MaxJsonDepth - 2) + "1" + new string(']', KeyPolicyParser.MaxJsonDepth - 2);

        ParseAssert.Fails($$"""{ "Statement": {{ParseAssert.Admin}}, "Id": {{nested}} }""", "Id", "must be a string, not an array");
    }

    [Theory]
    [InlineData("""{ "Statement": [], "Statement": [] }""", "Statement")]
    [InlineData("""{ "Version": "2012-10-17", "Version": "2012-10-17", "Statement": [] }""", "Version")]
    [InlineData("""{ "Statement": { "Effect": "Allow", "Effect": "Deny" } }""", "Statement.Effect")]
    [InlineData("""{ "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "a", "AWS": "b" } } ] }""", "Statement[0].Principal.AWS")]
    [InlineData("""{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*", "Condition": { "Bool": {}, "Bool": {} } } ] }""", "Statement[0].Condition.Bool")]
    [InlineData("""{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "true", "aws:SecureTransport": "false" } } } ] }""", "Statement[0].Condition.Bool.aws:SecureTransport")]
    [InlineData("""{ "Statement": [], "Statem\u0065nt": [] }""", "Statement")]
    public void Parse_WhenAPropertyNameRepeats_ShouldReportTheDuplicate(string json, string location)
    {
        ParseAssert.Fails(json, location, "appears more than once");
    }
}
