using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

public sealed class KeyPolicyParserPrincipalTests
{
    private static PrincipalBlock Principal(string principal) =>
        ParseAssert.Single($$"""{ "Effect": "Allow", "Principal": {{principal}}, "Action": "kms:*", "Resource": "*" }""").Principal;

    private static string PolicyWith(string principal) =>
        ParseAssert.Policy(ParseAssert.Admin, $$"""{ "Effect": "Allow", "Principal": {{principal}}, "Action": "kms:*", "Resource": "*" }""");

    [Fact]
    public void Parse_WhenPrincipalIsStar_ShouldBeEveryone()
    {
        var block = Principal("\"*\"");

        Assert.True(block.IsWildcard);
        Assert.False(block.IsNot);
        Assert.Empty(block.Entries);
    }

    [Theory]
    [InlineData("""{ "AWS": "*" }""")]
    [InlineData("""{ "AWS": ["arn:aws:iam::111122223333:root", "*"] }""")]
    public void Parse_WhenAwsPrincipalIsStar_ShouldBeWildcardAndKeepTheEntry(string principal)
    {
        var block = Principal(principal);

        Assert.True(block.IsWildcard);
        Assert.Contains(new PrincipalEntry(PrincipalType.Aws, "*"), block.Entries);
    }

    [Fact]
    public void Parse_WhenServicePrincipalIsStar_ShouldNotBeTheAwsWildcard()
    {
        Assert.False(Principal("""{ "Service": "*" }""").IsWildcard);
    }

    [Fact]
    public void Parse_WhenPrincipalHasEveryType_ShouldKeepEachValueAsWrittenInOrder()
    {
        var block = Principal("""
            { "AWS": ["111122223333", "arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:role/Admin"],
              "Service": "sso.amazonaws.com",
              "Federated": "cognito-identity.amazonaws.com",
              "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }
            """);

        Assert.False(block.IsWildcard);
        Assert.Equal(
            [
                new PrincipalEntry(PrincipalType.Aws, "111122223333"),
                new PrincipalEntry(PrincipalType.Aws, "arn:aws:iam::444455556666:root"),
                new PrincipalEntry(PrincipalType.Aws, "arn:aws:iam::111122223333:role/Admin"),
                new PrincipalEntry(PrincipalType.Service, "sso.amazonaws.com"),
                new PrincipalEntry(PrincipalType.Federated, "cognito-identity.amazonaws.com"),
                new PrincipalEntry(PrincipalType.CanonicalUser, "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"),
            ],
            block.Entries);
    }

    [Fact]
    public void Parse_WhenPrincipalIsStringOrOneElementArray_ShouldReadTheSame()
    {
        Assert.Equal(
            Principal("""{ "Service": "sso.amazonaws.com" }""").Entries,
            Principal("""{ "Service": ["sso.amazonaws.com"] }""").Entries);
    }

    [Fact]
    public void Parse_WhenNotPrincipalIsStar_ShouldBeANotWildcard()
    {
        var block = ParseAssert.Single("""{ "Effect": "Deny", "NotPrincipal": "*", "Action": "kms:*", "Resource": "*" }""").Principal;

        Assert.True(block.IsNot);
        Assert.True(block.IsWildcard);
    }

    [Theory]
    [InlineData("\"arn:aws:iam::111122223333:root\"", "Statement[1].Principal", "not the string \"arn:aws:iam::111122223333:root\"")]
    [InlineData("\"**\"", "Statement[1].Principal", "not the string \"**\"")]
    [InlineData("\"\"", "Statement[1].Principal", "not the string \"\"")]
    [InlineData("[\"*\"]", "Statement[1].Principal", "not an array")]
    [InlineData("null", "Statement[1].Principal", "not null")]
    [InlineData("{}", "Statement[1].Principal", "is an empty object")]
    [InlineData("""{ "aws": "*" }""", "Statement[1].Principal.aws", "\"aws\" is not a principal type")]
    [InlineData("""{ "IAM": "111122223333" }""", "Statement[1].Principal.IAM", "is not a principal type")]
    [InlineData("""{ "AWS": [] }""", "Statement[1].Principal.AWS", "is an empty array")]
    [InlineData("""{ "AWS": "" }""", "Statement[1].Principal.AWS", "is empty")]
    [InlineData("""{ "AWS": ["111122223333", ""] }""", "Statement[1].Principal.AWS[1]", "is empty")]
    [InlineData("""{ "AWS": ["111122223333", 444455556666] }""", "Statement[1].Principal.AWS[1]", "not the number 444455556666")]
    [InlineData("""{ "AWS": 111122223333 }""", "Statement[1].Principal.AWS", "not the number 111122223333")]
    [InlineData("""{ "Service": { "Name": "sso.amazonaws.com" } }""", "Statement[1].Principal.Service", "not an object")]
    [InlineData("""{ "Service": [["sso.amazonaws.com"]] }""", "Statement[1].Principal.Service[0]", "not an array")]
    public void Parse_WhenPrincipalIsMalformed_ShouldReportWhere(string principal, string location, string problem)
    {
        ParseAssert.Fails(PolicyWith(principal), location, problem);
    }
}
