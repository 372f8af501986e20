using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationParserArnPatternTests
{
    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/BreakGlass*")]
    [InlineData("arn:aws:iam::111122223333:role/team/*-admin")]
    [InlineData("arn:aws:iam::111122223333:user/alice")]
    [InlineData("arn:aws:iam::111122223333:root")]
    [InlineData("arn:aws:sts::111122223333:assumed-role/BreakGlass/*")]
    [InlineData("arn:aws:sts::111122223333:federated-user/bob")]
    [InlineData("arn:aws-us-gov:iam::111122223333:role/Ops?")]
    public void Parse_WhenArnPatternNamesPrincipalsOfOneAccount_ShouldAcceptIt(string pattern)
    {
        Assert.Equal(pattern, ConfigurationParser.Parse(Documents.Exemption($$"""{ "arnPattern": "{{pattern}}" }""")).PrincipalExemptions[0].ArnPattern);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("arn:aws:iam::*:role/BreakGlass")]
    [InlineData("arn:aws:iam::111122223333:role/*")]
    [InlineData("arn:aws:iam::111122223333:role/?*")]
    [InlineData("arn:aws:iam::111122223333:*")]
    [InlineData("arn:aws:iam::111122223333:group/admins")]
    [InlineData("arn:aws:sts::111122223333:role/BreakGlass")]
    [InlineData("arn:aws:iam::111122223333:assumed-role/BreakGlass/x")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/x")]
    [InlineData("arn:aws:iam:us-east-1:111122223333:role/x")]
    [InlineData("arn:aws:iam::111122223333:role/Break Glass")]
    [InlineData("role/BreakGlass")]
    public void Parse_WhenArnPatternIsNotAPrincipalPatternOfOneAccount_ShouldRefuseIt(string pattern)
    {
        var refusal = Documents.Refusal(Documents.Exemption($$"""{ "arnPattern": "{{pattern}}" }"""));

        Assert.Equal("exemptions.principals[0].arnPattern", refusal.Location);
        Assert.StartsWith($"'{pattern}' is not an IAM or STS principal ARN pattern of one account", refusal.Problem, StringComparison.Ordinal);
    }
}
