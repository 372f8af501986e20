using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Events;

/// <summary>AWS refusing Identity Center's own KMS calls: the one signal that is never inferred.</summary>
public sealed class KeyUseFailedTests
{
    private static string Sample => File.ReadAllText(RepoPaths.EventFile("kms-decrypt-by-identity-center-failed.json"));

    [Fact]
    public void Read_WhenKmsRefusedIdentityCenter_ShouldCarryTheKeyTheErrorAndTheContext()
    {
        var guardEvent = EventReader.Read(Sample);

        Assert.Equal((Trigger.KeyUseFailed, "Decrypt", false, "DisabledException"), (guardEvent.Trigger, guardEvent.EventName, guardEvent.Succeeded, guardEvent.ErrorCode));
        Assert.Equal(["arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"], guardEvent.KeyRefs);
        Assert.Equal("arn:aws:sso:::instance/ssoins-1111222233334444", guardEvent.EncryptionContext!["aws:sso:instance-arn"]);
        Assert.Equal((ActorType.AwsService, "sso.amazonaws.com"), (guardEvent.Actor.Kind, guardEvent.Actor.InvokedBy));
    }

    [Fact]
    public void Read_WhenAnAdministratorCalledThroughIdentityCenter_ShouldBeKeyUseFailed()
    {
        var guardEvent = EventReader.Read(File.ReadAllText(RepoPaths.EventFile("kms-describe-key-through-identity-center-failed.json")));

        Assert.Equal(Trigger.KeyUseFailed, guardEvent.Trigger);
        Assert.Equal((ActorType.AssumedRole, "sso.amazonaws.com"), (guardEvent.Actor.Kind, guardEvent.Actor.InvokedBy));
    }

    [Theory]
    [InlineData("identitystore.amazonaws.com", "GenerateDataKeyWithoutPlaintext", "AccessDeniedException", Trigger.KeyUseFailed)]
    [InlineData("sso.amazonaws.com", "ReEncrypt", "KMSInvalidStateException", Trigger.KeyUseFailed)]
    [InlineData("sso.amazonaws.com", "Decrypt", null, Trigger.Unsupported)]
    [InlineData("sso.amazonaws.com", "Encrypt", "DisabledException", Trigger.Unsupported)]
    [InlineData("rds.amazonaws.com", "Decrypt", "DisabledException", Trigger.Unsupported)]
    [InlineData("SSO.AMAZONAWS.COM", "Decrypt", "DisabledException", Trigger.Unsupported)]
    public void Read_ShouldTakeOnlyRefusalsOfIdentityCenterKeyUse(string invokedBy, string eventName, string? errorCode, Trigger expected)
    {
        var json = Sample
            .Replace("\"invokedBy\": \"sso.amazonaws.com\"", $"\"invokedBy\": \"{invokedBy}\"", StringComparison.Ordinal)
            .Replace("\"eventName\": \"Decrypt\"", $"\"eventName\": \"{eventName}\"", StringComparison.Ordinal)
            .Replace("\"errorCode\": \"DisabledException\"", errorCode is null ? "\"errorCode\": null" : $"\"errorCode\": \"{errorCode}\"", StringComparison.Ordinal);

        Assert.Equal(expected, EventReader.Read(json).Trigger);
    }

    [Fact]
    public void Read_WhenAPrincipalCallingKmsDirectlyIsRefused_ShouldNotBeKeyUseFailed()
    {
        var direct = Sample.Replace(
            "\"userIdentity\": {\n      \"type\": \"AWSService\",\n      \"invokedBy\": \"sso.amazonaws.com\"\n    }",
            "\"userIdentity\": {\"type\": \"IAMUser\", \"arn\": \"arn:aws:iam::111122223333:user/Alice\"}",
            StringComparison.Ordinal);

        Assert.NotEqual(Sample, direct);
        Assert.Equal(Trigger.Unsupported, EventReader.Read(direct).Trigger);
    }
}
