using System.Text.Json;
using IdcKmsGuard.Core.Json;

namespace IdcKmsGuard.Core.Events;

internal static class ActorReader
{
    public static Actor Read(JsonElement record)
    {
        if (record.Object("userIdentity") is not { } identity)
        {
            return Actor.Unknown;
        }

        var invokedBy = identity.String("invokedBy");
        var type = identity.String("type");

        // Service-generated records (DeleteKey at the end of the waiting period, RotateKey) carry only
        // accountId and invokedBy.
        if (type is null && invokedBy is not null)
        {
            type = "AWSService";
        }

        return new Actor(
            Type: type,
            Arn: identity.String("arn"),
            AccountId: identity.String("accountId"),
            PrincipalId: identity.String("principalId"),
            SessionIssuerArn: identity.Object("sessionContext")?.Object("sessionIssuer")?.String("arn"),
            InvokedBy: invokedBy);
    }
}
