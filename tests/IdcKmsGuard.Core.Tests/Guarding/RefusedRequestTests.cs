using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>A refused call as the policy engine models requests: who, which action, what context.</summary>
public sealed class RefusedRequestTests
{
    [Fact]
    public void For_WhenIdentityCenterItselfWasRefused_ShouldBeTheServiceWithTheRecordedContext()
    {
        var refused = EventReader.Read(File.ReadAllText(RepoPaths.EventFile("kms-decrypt-by-identity-center-failed.json")));

        var request = RefusedRequest.For(refused, GuardScenario.Key, "o-a1b2c3d4e5");

        Assert.Equal(new ServicePrincipal("sso.amazonaws.com"), request.Principal);
        Assert.Equal(("kms:Decrypt", GuardScenario.Key.ToString()), (request.Action, request.ResourceArn));
        Assert.Equal(["arn:aws:sso:::instance/ssoins-1111222233334444"], request.Context.Get("kms:EncryptionContext:aws:sso:instance-arn"));
        Assert.Equal(["aws:sso:instance-arn"], request.Context.Get("kms:EncryptionContextKeys"));
        Assert.Equal(["arn:aws:sso:::instance/ssoins-1111222233334444"], request.Context.Get("aws:SourceArn"));
        Assert.Equal(["111122223333"], request.Context.Get("aws:SourceAccount"));
        Assert.Equal(["o-a1b2c3d4e5"], request.Context.Get("aws:SourceOrgID"));
        Assert.Null(request.Context.Get("kms:ViaService"));
    }

    // IAM evaluates the administrator's role session, and KMS sees the call come through the service.
    [Fact]
    public void For_WhenAnAdministratorWasRefusedThroughIdentityCenter_ShouldBeTheRoleSessionViaTheService()
    {
        var refused = EventReader.Read(File.ReadAllText(RepoPaths.EventFile("kms-describe-key-through-identity-center-failed.json")));

        var request = RefusedRequest.For(refused, GuardScenario.Key, orgId: null);

        var admin = Assert.IsType<IamPrincipal>(request.Principal);
        Assert.Equal(
            "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef",
            admin.Arn);
        Assert.Equal("alice@example.com", admin.SessionName);
        Assert.Equal("kms:DescribeKey", request.Action);
        Assert.Equal(["sso.us-east-1.amazonaws.com"], request.Context.Get("kms:ViaService"));
        Assert.Equal(["111122223333"], request.Context.Get("kms:CallerAccount"));
        Assert.Null(request.Context.Get("aws:SourceAccount"));
    }

    // CloudTrail names every re-encryption ReEncrypt; key policies grant its source side as kms:ReEncryptFrom.
    [Fact]
    public void For_WhenTheRefusedCallWasAReEncrypt_ShouldAskForReEncryptFrom()
    {
        var refused = EventReader.Read(File.ReadAllText(RepoPaths.EventFile("kms-decrypt-by-identity-center-failed.json"))
            .Replace("\"eventName\": \"Decrypt\"", "\"eventName\": \"ReEncrypt\"", StringComparison.Ordinal));

        Assert.Equal("kms:ReEncryptFrom", RefusedRequest.For(refused, GuardScenario.Key, null).Action);
    }
}
