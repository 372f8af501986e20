namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

public sealed class KeyPolicyParserPatternTests
{
    private static string WithAction(string action) =>
        ParseAssert.Policy($$"""{ "Effect": "Allow", "Principal": "*", "Action": {{action}}, "Resource": "*" }""");

    private static string WithResource(string resource) =>
        ParseAssert.Policy($$"""{ "Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": {{resource}} }""");

    [Theory]
    [InlineData("*")]
    [InlineData("kms:*")]
    [InlineData("kms:Decrypt")]
    [InlineData("kms:ReEncrypt*")]
    [InlineData("kms:Describe?ey")]
    [InlineData("KMS:decrypt")]
    [InlineData("kms:*Key*")]
    [InlineData("execute-api:Invoke")]
    [InlineData("s3:Get*")]
    public void Parse_WhenActionIsWellFormed_ShouldKeepItAsWritten(string action)
    {
        Assert.Equal([action], ParseAssert.Single($$"""{ "Effect": "Allow", "Principal": "*", "Action": "{{action}}", "Resource": "*" }""").Actions.Patterns);
    }

    [Fact]
    public void Parse_WhenActionIsStringOrArray_ShouldReadTheSame()
    {
        var one = ParseAssert.Single("""{ "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*" }""").Actions;
        var list = ParseAssert.Single("""{ "Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt"], "Resource": "*" }""").Actions;

        Assert.Equal(one.Patterns, list.Patterns);
        Assert.Equal(one.IsNot, list.IsNot);
    }

    [Fact]
    public void Parse_WhenActionsAreAList_ShouldKeepOrder()
    {
        var actions = ParseAssert.Single("""{ "Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt", "kms:ReEncrypt*", "kms:DescribeKey"], "Resource": "*" }""").Actions;

        Assert.Equal(["kms:Decrypt", "kms:ReEncrypt*", "kms:DescribeKey"], actions.Patterns);
    }

    [Theory]
    [InlineData("\"kms\"", "Statement[0].Action", "\"kms\" is not an action")]
    [InlineData("\"kms:\"", "Statement[0].Action", "\"kms:\" is not an action")]
    [InlineData("\":Decrypt\"", "Statement[0].Action", "is not an action")]
    [InlineData("\"kms:Decrypt key\"", "Statement[0].Action", "is not an action")]
    [InlineData("\"kms::Decrypt\"", "Statement[0].Action", "is not an action")]
    [InlineData("\"k*s:Decrypt\"", "Statement[0].Action", "is not an action")]
    [InlineData("\"kms:Decrypt,kms:Encrypt\"", "Statement[0].Action", "is not an action")]
    [InlineData("\"\"", "Statement[0].Action", "\"\" is not an action")]
    [InlineData("[\"kms:Decrypt\", \"kms Encrypt\"]", "Statement[0].Action[1]", "\"kms Encrypt\" is not an action")]
    [InlineData("[]", "Statement[0].Action", "is an empty array")]
    [InlineData("[\"kms:Decrypt\", null]", "Statement[0].Action[1]", "not null")]
    [InlineData("{ \"kms\": \"Decrypt\" }", "Statement[0].Action", "not an object")]
    [InlineData("7", "Statement[0].Action", "not the number 7")]
    public void Parse_WhenActionIsMalformed_ShouldReportTheValue(string action, string location, string problem)
    {
        ParseAssert.Fails(WithAction(action), location, problem);
    }

    [Fact]
    public void Parse_WhenNotActionIsMalformed_ShouldReportNotAction()
    {
        ParseAssert.Fails(
            ParseAssert.Policy("""{ "Effect": "Deny", "Principal": "*", "NotAction": ["kms:Decrypt", "Decrypt"], "Resource": "*" }"""),
            "Statement[0].NotAction[1]",
            "\"Decrypt\" is not an action");
    }

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"")]
    [InlineData("[\"arn:aws:kms:*:111122223333:key/*\", \"arn:aws:kms:us-east-1:111122223333:key/mrk-?*\"]")]
    public void Parse_WhenResourceIsStarOrArn_ShouldKeepItAsWritten(string resource)
    {
        var statement = ParseAssert.Single($$"""{ "Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": {{resource}} }""");

        Assert.Equal(resource.Trim('[', ']').Split(", ").Select(r => r.Trim('"')), statement.Resources.Patterns);
    }

    [Theory]
    [InlineData("\"\"", "Statement[0].Resource", "\"\" is not a resource")]
    [InlineData("\"key/1234\"", "Statement[0].Resource", "\"key/1234\" is not a resource")]
    [InlineData("[\"*\", \"ARN:aws:kms\"]", "Statement[0].Resource[1]", "is not a resource")]
    [InlineData("[]", "Statement[0].Resource", "is an empty array")]
    [InlineData("true", "Statement[0].Resource", "not true")]
    public void Parse_WhenResourceIsMalformed_ShouldReportTheValue(string resource, string location, string problem)
    {
        ParseAssert.Fails(WithResource(resource), location, problem);
    }
}
