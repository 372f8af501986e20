using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Tests.Keys;

public sealed class KeyReferenceTests
{
    [Theory]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", KeyReferenceKind.KeyArn)]
    [InlineData("arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", KeyReferenceKind.KeyArn)]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab", KeyReferenceKind.KeyId)]
    [InlineData("mrk-1234abcd12ab34cd56ef1234567890ab", KeyReferenceKind.KeyId)]
    [InlineData("alias/idc-identity", KeyReferenceKind.AliasName)]
    [InlineData("arn:aws:kms:us-east-1:111122223333:alias/idc-identity", KeyReferenceKind.AliasArn)]
    [InlineData("mrk-1234ABCD12ab34cd56ef1234567890ab", KeyReferenceKind.Unrecognised)]
    [InlineData("arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab", KeyReferenceKind.Unrecognised)]
    [InlineData("arn:aws:s3:::bucket", KeyReferenceKind.Unrecognised)]
    [InlineData("key/1234abcd", KeyReferenceKind.Unrecognised)]
    public void Classify_WhenGivenReference_ShouldRecogniseItsForm(string value, KeyReferenceKind expected)
    {
        Assert.Equal(expected, KeyReference.Classify(value).Kind);
    }

    [Fact]
    public void KeyArn_WhenParsedAndPrinted_ShouldRoundTrip()
    {
        const string text = "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

        var arn = KeyArn.Parse(text);

        Assert.Equal(text, arn.ToString());
        Assert.True(arn.IsMultiRegion);
        Assert.Equal("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", arn.InRegion("us-east-1").ToString());
    }
}
