using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

public sealed class ConditionOperatorParserTests
{
    private static readonly (string Name, OperatorFamily Family, bool Negated)[] Bases =
    [
        ("StringEquals", OperatorFamily.String, false),
        ("StringNotEquals", OperatorFamily.String, true),
        ("StringEqualsIgnoreCase", OperatorFamily.String, false),
        ("StringNotEqualsIgnoreCase", OperatorFamily.String, true),
        ("StringLike", OperatorFamily.String, false),
        ("StringNotLike", OperatorFamily.String, true),
        ("NumericEquals", OperatorFamily.Numeric, false),
        ("NumericNotEquals", OperatorFamily.Numeric, true),
        ("NumericLessThan", OperatorFamily.Numeric, false),
        ("NumericLessThanEquals", OperatorFamily.Numeric, false),
        ("NumericGreaterThan", OperatorFamily.Numeric, false),
        ("NumericGreaterThanEquals", OperatorFamily.Numeric, false),
        ("DateEquals", OperatorFamily.Date, false),
        ("DateNotEquals", OperatorFamily.Date, true),
        ("DateLessThan", OperatorFamily.Date, false),
        ("DateLessThanEquals", OperatorFamily.Date, false),
        ("DateGreaterThan", OperatorFamily.Date, false),
        ("DateGreaterThanEquals", OperatorFamily.Date, false),
        ("Bool", OperatorFamily.Bool, false),
        ("BinaryEquals", OperatorFamily.Binary, false),
        ("IpAddress", OperatorFamily.IpAddress, false),
        ("NotIpAddress", OperatorFamily.IpAddress, true),
        ("ArnEquals", OperatorFamily.Arn, false),
        ("ArnLike", OperatorFamily.Arn, false),
        ("ArnNotEquals", OperatorFamily.Arn, true),
        ("ArnNotLike", OperatorFamily.Arn, true),
        ("Null", OperatorFamily.Null, false),
    ];

    /// <summary>Every base operator with every qualifier and, except Null, with and without IfExists.</summary>
    public static TheoryData<string, string, OperatorFamily, bool, bool, SetQualifier> AllForms()
    {
        var data = new TheoryData<string, string, OperatorFamily, bool, bool, SetQualifier>();
        foreach (var (prefix, qualifier) in new[] { ("", SetQualifier.None), ("ForAnyValue:", SetQualifier.ForAnyValue), ("ForAllValues:", SetQualifier.ForAllValues) })
        {
            foreach (var (name, family, negated) in Bases)
            {
                data.Add(prefix + name, name, family, negated, false, qualifier);
                if (family != OperatorFamily.Null)
                {
                    data.Add(prefix + name + "IfExists", name, family, negated, true, qualifier);
                }
            }
        }

        return data;
    }

    [Fact]
    public void BaseOperators_WhenListed_ShouldBeExactlyIamsTwentySeven()
    {
        Assert.Equal(Bases.Select(b => b.Name).Order(StringComparer.Ordinal), ConditionOperatorParser.BaseOperators.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Parse_WhenNameIsAnIamOperator_ShouldSplitItIntoItsParts(
        string name, string baseName, OperatorFamily family, bool negated, bool ifExists, SetQualifier qualifier)
    {
        var parsed = ConditionOperatorParser.Parse(name, "here");

        Assert.Equal(new ConditionOperator(name, family, baseName, negated, ifExists, qualifier), parsed);
    }

    [Theory]
    [InlineData("stringequals", "StringEquals")]
    [InlineData("STRINGLIKE", "StringLike")]
    [InlineData("StringEqualsIfexists", "StringEqualsIfExists")]
    [InlineData("foranyvalue:StringEquals", "ForAnyValue:StringEquals")]
    [InlineData("ForAllValues:stringlikeifexists", "ForAllValues:StringLikeIfExists")]
    [InlineData("bool", "Bool")]
    public void Parse_WhenOnlyTheCaseIsWrong_ShouldRejectAndSuggestTheName(string name, string suggestion)
    {
        var error = Assert.Throws<PolicyParseException>(() => ConditionOperatorParser.Parse(name, "Statement[0].Condition." + name));

        Assert.Equal("Statement[0].Condition." + name, error.Location);
        Assert.Contains($"did you mean \"{suggestion}\"", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("IfExists")]
    [InlineData("ForAnyValue:")]
    [InlineData("ForAnyValue:ForAllValues:StringEquals")]
    [InlineData("StringEqualsIfExistsIfExists")]
    [InlineData("ForAnyValue StringEquals")]
    [InlineData("StringNotEqualsIgnoreCaseLike")]
    [InlineData("NumericGreaterThanOrEquals")]
    [InlineData("NotStringEquals")]
    [InlineData("ArnNotEqualsIgnoreCase")]
    [InlineData("IpAddressIfExists:ForAnyValue")]
    public void Parse_WhenNameIsNotAnOperator_ShouldSaySo(string name)
    {
        var error = Assert.Throws<PolicyParseException>(() => ConditionOperatorParser.Parse(name, "at"));

        Assert.Equal("at", error.Location);
        Assert.Contains("is not a condition operator", error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NullIfExists")]
    [InlineData("ForAnyValue:NullIfExists")]
    public void Parse_WhenNullHasIfExists_ShouldReject(string name)
    {
        var error = Assert.Throws<PolicyParseException>(() => ConditionOperatorParser.Parse(name, "at"));

        Assert.Contains("Null cannot take IfExists", error.Problem, StringComparison.Ordinal);
    }
}
