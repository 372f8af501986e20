using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

public sealed class KeyPolicyParserDocumentTests
{
    [Theory]
    [InlineData("2012-10-17")]
    [InlineData("2008-10-17")]
    public void Parse_WhenVersionIsOneIamKnows_ShouldKeepIt(string version)
    {
        var policy = KeyPolicyParser.Parse($$"""{ "Version": "{{version}}", "Statement": {{ParseAssert.Admin}} }""");

        Assert.Equal(version, policy.Version);
    }

    [Fact]
    public void Parse_WhenVersionAndIdAreAbsent_ShouldLeaveThemNull()
    {
        var policy = KeyPolicyParser.Parse($$"""{ "Statement": {{ParseAssert.Admin}} }""");

        Assert.Null(policy.Version);
        Assert.Null(policy.Id);
    }

    [Fact]
    public void Parse_WhenIdIsPresent_ShouldKeepIt()
    {
        Assert.Equal("key-consolepolicy-3", KeyPolicyParser.Parse($$"""{ "Id": "key-consolepolicy-3", "Statement": {{ParseAssert.Admin}} }""").Id);
    }

    [Theory]
    [InlineData("\"2012-10-18\"", "\"2012-10-18\"")]
    [InlineData("\"2012-10-17 \"", "\"2012-10-17 \"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("20121017", "the number 20121017")]
    [InlineData("null", "null")]
    public void Parse_WhenVersionIsAnythingElse_ShouldReportVersion(string version, string shown)
    {
        ParseAssert.Fails($$"""{ "Version": {{version}}, "Statement": {{ParseAssert.Admin}} }""", "Version", shown);
    }

    [Fact]
    public void Parse_WhenIdIsNotAString_ShouldReportId()
    {
        ParseAssert.Fails($$"""{ "Id": 7, "Statement": {{ParseAssert.Admin}} }""", "Id", "must be a string, not the number 7");
    }

    [Theory]
    [InlineData("Statements")]
    [InlineData("statement")]
    [InlineData("Sid")]
    public void Parse_WhenRootHasAnUnknownElement_ShouldNameIt(string element)
    {
        ParseAssert.Fails($$"""{ "Statement": {{ParseAssert.Admin}}, "{{element}}": [] }""", element, "is not a policy element");
    }

    [Fact]
    public void Parse_WhenStatementIsMissing_ShouldReportStatement()
    {
        ParseAssert.Fails("""{ "Version": "2012-10-17" }""", "Statement", "Statement is required");
    }

    [Theory]
    [InlineData("[]", "is an empty array")]
    [InlineData("\"Allow\"", "must be a statement object or an array of them, not the string \"Allow\"")]
    [InlineData("null", "not null")]
    public void Parse_WhenStatementIsEmptyOrNotAStatement_ShouldReportStatement(string statement, string problem)
    {
        ParseAssert.Fails($$"""{ "Statement": {{statement}} }""", "Statement", problem);
    }

    [Fact]
    public void Parse_WhenStatementArrayHoldsANonObject_ShouldReportItsIndex()
    {
        ParseAssert.Fails(ParseAssert.Policy(ParseAssert.Admin, "[]"), "Statement[1]", "must be an object, not an array");
    }

    [Fact]
    public void Parse_WhenStatementIsOneObject_ShouldReadItAsStatementZero()
    {
        var statement = Assert.Single(KeyPolicyParser.Parse($$"""{ "Statement": {{ParseAssert.Admin}} }""").Statements);

        Assert.Equal(0, statement.Index);
        Assert.Equal(ParseAssert.Admin, statement.RawJson);
        Assert.Equal("#1", statement.Label);
    }

    [Fact]
    public void Parse_WhenStatementIsOneObject_ShouldLocateErrorsWithoutAnIndex()
    {
        ParseAssert.Fails("""{ "Statement": { "Effect": "allow" } }""", "Statement.Effect");
    }

    [Fact]
    public void Parse_WhenStatementsAreAnArray_ShouldKeepOrderIndexAndExactText()
    {
        const string second = """{"Sid":"Second" ,  "Effect":"Deny","Principal":"*","NotAction":["kms:Decrypt"],"Resource":"*"}""";
        var json = $"{{\n  \"Statement\": [\n    {ParseAssert.Admin},\n    {second}\n  ]\n}}";

        var policy = KeyPolicyParser.Parse(json);

        Assert.Equal([0, 1], policy.Statements.Select(s => s.Index));
        Assert.Equal(ParseAssert.Admin, policy.Statements[0].RawJson);
        Assert.Equal(second, policy.Statements[1].RawJson);
        Assert.Equal("#2 \"Second\"", policy.Statements[1].Label);
        Assert.Same(json, policy.Text);
    }

    [Theory]
    [InlineData("[]", "not an array")]
    [InlineData("\"policy\"", "not the string \"policy\"")]
    [InlineData("null", "not null")]
    [InlineData("42", "not the number 42")]
    public void Parse_WhenRootIsNotAnObject_ShouldReportPolicy(string json, string problem)
    {
        ParseAssert.Fails(json, "Policy", problem);
    }
}
