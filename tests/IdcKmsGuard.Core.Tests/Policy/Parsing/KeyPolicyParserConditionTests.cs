using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

public sealed class KeyPolicyParserConditionTests
{
    private static IReadOnlyList<ConditionClause> Conditions(string condition) =>
        ParseAssert.Single(ParseAssert.WithAdmin($"\"Condition\": {condition}")).Conditions;

    private static string PolicyWith(string condition) =>
        ParseAssert.Policy(ParseAssert.Admin, ParseAssert.WithAdmin($"\"Condition\": {condition}"));

    [Fact]
    public void Parse_WhenConditionHasSeveralOperatorsAndKeys_ShouldMakeOneClausePerKeyInOrder()
    {
        var clauses = Conditions("""
            { "StringEquals": { "aws:SourceAccount": "111122223333", "kms:CallerAccount": ["111122223333", "444455556666"] },
              "ForAnyValue:StringLike": { "kms:EncryptionContextKeys": "aws:sso:*" } }
            """);

        Assert.Equal(["aws:SourceAccount", "kms:CallerAccount", "kms:EncryptionContextKeys"], clauses.Select(c => c.Key));
        Assert.Equal(["111122223333"], clauses[0].Values);
        Assert.Equal(["111122223333", "444455556666"], clauses[1].Values);
        Assert.Same(clauses[0].Operator, clauses[1].Operator);
        Assert.Equal(SetQualifier.ForAnyValue, clauses[2].Operator.Qualifier);
    }

    [Fact]
    public void Parse_WhenValueIsStringOrOneElementArray_ShouldReadTheSame()
    {
        Assert.Equal(
            Conditions("""{ "StringEquals": { "aws:SourceAccount": "111122223333" } }""")[0].Values,
            Conditions("""{ "StringEquals": { "aws:SourceAccount": ["111122223333"] } }""")[0].Values);
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("30", "30")]
    [InlineData("-1.5e3", "-1.5e3")]
    [InlineData("\"true\"", "true")]
    [InlineData("\"\"", "")]
    [InlineData("\"${aws:ResourceAccount}\"", "${aws:ResourceAccount}")]
    public void Parse_WhenValueIsAScalar_ShouldKeepItsJsonText(string value, string expected)
    {
        Assert.Equal([expected], Conditions($$"""{ "Bool": { "aws:SecureTransport": {{value}} } }""")[0].Values);
    }

    [Fact]
    public void Parse_WhenArrayMixesScalars_ShouldKeepEachAsText()
    {
        Assert.Equal(["1", "two", "true"], Conditions("""{ "StringEquals": { "k:k": [1, "two", true] } }""")[0].Values);
    }

    [Fact]
    public void Parse_WhenKeyCaseDiffersFromTheDocumentation_ShouldKeepTheKeyAsWritten()
    {
        Assert.Equal("AWS:sourceaccount", Conditions("""{ "StringEquals": { "AWS:sourceaccount": "111122223333" } }""")[0].Key);
    }

    [Fact]
    public void Parse_WhenConditionIsAnEmptyObject_ShouldReadNoClauses()
    {
        Assert.Empty(Conditions("{}"));
    }

    [Theory]
    [InlineData("[]", "Statement[1].Condition", "must be an object of condition operators, not an array")]
    [InlineData("\"StringEquals\"", "Statement[1].Condition", "not the string \"StringEquals\"")]
    [InlineData("""{ "StringEquals": {} }""", "Statement[1].Condition.StringEquals", "is empty")]
    [InlineData("""{ "StringEquals": [] }""", "Statement[1].Condition.StringEquals", "must be an object of condition keys and values, not an array")]
    [InlineData("""{ "StringEquals": "aws:SourceAccount" }""", "Statement[1].Condition.StringEquals", "not the string")]
    [InlineData("""{ "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": [] } }""", "Statement[1].Condition.ForAnyValue:StringEquals.kms:EncryptionContextKeys", "is an empty array")]
    [InlineData("""{ "StringEquals": { "aws:SourceAccount": null } }""", "Statement[1].Condition.StringEquals.aws:SourceAccount", "not null")]
    [InlineData("""{ "StringEquals": { "aws:SourceAccount": { "a": "b" } } }""", "Statement[1].Condition.StringEquals.aws:SourceAccount", "not an object")]
    [InlineData("""{ "StringEquals": { "aws:SourceAccount": ["1", ["2"]] } }""", "Statement[1].Condition.StringEquals.aws:SourceAccount[1]", "not an array")]
    [InlineData("""{ "StringEquals": { "aws:SourceAccount": ["1", null] } }""", "Statement[1].Condition.StringEquals.aws:SourceAccount[1]", "not null")]
    [InlineData("""{ "StringEquals": { "": "x" } }""", "Statement[1].Condition.StringEquals", "has an empty condition key")]
    [InlineData("""{ "StringEquals": { "aws:SourceAccount": "1", "AWS:SourceAccount": "2" } }""", "Statement[1].Condition.StringEquals.AWS:SourceAccount", "case-insensitively")]
    [InlineData("""{ "stringEquals": { "aws:SourceAccount": "1" } }""", "Statement[1].Condition.stringEquals", "did you mean \"StringEquals\"")]
    [InlineData("""{ "forAnyValue:StringEquals": { "k:k": "1" } }""", "Statement[1].Condition.forAnyValue:StringEquals", "did you mean \"ForAnyValue:StringEquals\"")]
    [InlineData("""{ "ForAnyValue:StringEquals": { "k:k": "1" }, "StringMatches": { "k:k": "1" } }""", "Statement[1].Condition.StringMatches", "\"StringMatches\" is not a condition operator")]
    [InlineData("""{ "NullIfExists": { "k:k": "true" } }""", "Statement[1].Condition.NullIfExists", "Null cannot take IfExists")]
    public void Parse_WhenConditionIsMalformed_ShouldReportWhere(string condition, string location, string problem)
    {
        ParseAssert.Fails(PolicyWith(condition), location, problem);
    }

    [Fact]
    public void Parse_WhenConditionUsesEveryOperatorForm_ShouldReadThemAll()
    {
        var names = ConditionOperatorParserTests.AllForms().Select(f => (string)f[0]).ToList();
        var condition = "{ " + string.Join(", ", names.Select(n => $$"""
            "{{n}}": { "k:k": "1" }
            """)) + " }";

        var clauses = Conditions(condition);

        Assert.Equal(names, clauses.Select(c => c.Operator.Name));
    }
}
