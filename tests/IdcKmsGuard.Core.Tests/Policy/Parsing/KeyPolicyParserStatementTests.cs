using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

public sealed class KeyPolicyParserStatementTests
{
    [Theory]
    [InlineData("Allow", StatementEffect.Allow)]
    [InlineData("Deny", StatementEffect.Deny)]
    public void Parse_WhenEffectIsAllowOrDeny_ShouldReadIt(string effect, StatementEffect expected)
    {
        var statement = ParseAssert.Single($$"""{ "Effect": "{{effect}}", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*" }""");

        Assert.Equal(expected, statement.Effect);
    }

    [Theory]
    [InlineData("\"allow\"", "not \"allow\"")]
    [InlineData("\"DENY\"", "not \"DENY\"")]
    [InlineData("\" Allow\"", "not \" Allow\"")]
    [InlineData("\"\"", "not \"\"")]
    [InlineData("true", "not true")]
    [InlineData("[\"Allow\"]", "not an array")]
    public void Parse_WhenEffectIsNotExactlyAllowOrDeny_ShouldReportEffect(string effect, string problem)
    {
        ParseAssert.Fails(
            ParseAssert.Policy(ParseAssert.Admin, ParseAssert.Admin, $$"""{ "Effect": {{effect}}, "Principal": "*", "Action": "kms:*", "Resource": "*" }"""),
            "Statement[2].Effect",
            problem);
    }

    [Fact]
    public void Parse_WhenEffectIsMissing_ShouldReportEffect()
    {
        ParseAssert.Fails(ParseAssert.Policy("""{ "Principal": "*", "Action": "kms:*", "Resource": "*" }"""), "Statement[0].Effect", "Effect is required");
    }

    [Fact]
    public void Parse_WhenSidIsPresent_ShouldKeepItWithSpaces()
    {
        Assert.Equal("Enable IAM User Permissions", ParseAssert.Single(ParseAssert.WithAdmin("\"Sid\": \"Enable IAM User Permissions\"")).Sid);
    }

    [Fact]
    public void Parse_WhenSidIsAbsent_ShouldLeaveItNull()
    {
        Assert.Null(ParseAssert.Single(ParseAssert.Admin).Sid);
    }

    [Fact]
    public void Parse_WhenSidIsNotAString_ShouldReportSid()
    {
        ParseAssert.Fails(ParseAssert.Policy(ParseAssert.WithAdmin("\"Sid\": 1")), "Statement[0].Sid", "must be a string, not the number 1");
    }

    [Fact]
    public void Parse_WhenPrincipalAndNotPrincipalAreBothAbsent_ShouldSayAKeyPolicyNeedsOne()
    {
        ParseAssert.Fails(
            ParseAssert.Policy(ParseAssert.Admin, """{ "Effect": "Allow", "Action": "kms:*", "Resource": "*" }"""),
            "Statement[1].Principal",
            "Principal is required in a key policy");
    }

    [Fact]
    public void Parse_WhenActionIsMissing_ShouldReportAction()
    {
        ParseAssert.Fails(ParseAssert.Policy("""{ "Effect": "Allow", "Principal": "*", "Resource": "*" }"""), "Statement[0].Action", "Action is required");
    }

    [Fact]
    public void Parse_WhenResourceIsMissing_ShouldReportResource()
    {
        ParseAssert.Fails(ParseAssert.Policy("""{ "Effect": "Allow", "Principal": "*", "Action": "kms:*" }"""), "Statement[0].Resource", "Resource is required");
    }

    [Theory]
    [InlineData("\"NotPrincipal\": \"*\"", "Statement[0].NotPrincipal", "cannot be used together with Principal")]
    [InlineData("\"NotAction\": \"kms:Decrypt\"", "Statement[0].NotAction", "cannot be used together with Action")]
    [InlineData("\"NotResource\": \"*\"", "Statement[0].NotResource", "cannot be used together with Resource")]
    public void Parse_WhenAnElementAndItsNotFormAreBothPresent_ShouldReportTheNotForm(string extra, string location, string problem)
    {
        ParseAssert.Fails(ParseAssert.Policy(ParseAssert.WithAdmin(extra)), location, problem);
    }

    [Fact]
    public void Parse_WhenNotFormsAreUsed_ShouldMarkTheBlocksAsNot()
    {
        var statement = ParseAssert.Single("""{ "Effect": "Deny", "NotPrincipal": { "AWS": "111122223333" }, "NotAction": "kms:Describe*", "NotResource": "arn:aws:kms:*:111122223333:key/*" }""");

        Assert.True(statement.Principal.IsNot);
        Assert.True(statement.Actions.IsNot);
        Assert.True(statement.Resources.IsNot);
        Assert.Equal(["kms:Describe*"], statement.Actions.Patterns);
    }

    [Fact]
    public void Parse_WhenPlainFormsAreUsed_ShouldNotMarkTheBlocksAsNot()
    {
        var statement = ParseAssert.Single(ParseAssert.Admin);

        Assert.False(statement.Principal.IsNot);
        Assert.False(statement.Actions.IsNot);
        Assert.False(statement.Resources.IsNot);
        Assert.Empty(statement.Conditions);
    }

    [Theory]
    [InlineData("effect", "did you mean \"Effect\"")]
    [InlineData("Principals", "is not a statement element")]
    [InlineData("Version", "is not a statement element")]
    public void Parse_WhenStatementHasAnUnknownElement_ShouldNameIt(string element, string problem)
    {
        ParseAssert.Fails(ParseAssert.Policy(ParseAssert.WithAdmin($"\"{element}\": \"x\"")), $"Statement[0].{element}", problem);
    }

    [Fact]
    public void Parse_WhenAnElementNameIsEmpty_ShouldShowItAsQuotes()
    {
        ParseAssert.Fails(ParseAssert.Policy(ParseAssert.WithAdmin("\"\": \"x\"")), "Statement[0].\"\"", "\"\" is not a statement element");
        ParseAssert.Fails("""{ "": 1, "Statement": [] }""", "\"\"", "\"\" is not a policy element");
    }
}
