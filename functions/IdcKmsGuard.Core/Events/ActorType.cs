namespace IdcKmsGuard.Core.Events;

/// <summary>CloudTrail's userIdentity.type, for decisions; the text itself stays in <see cref="Actor.Type"/> for people.</summary>
public enum ActorType
{
    Unknown,
    Root,
    IamUser,
    AssumedRole,
    FederatedUser,
    AwsAccount,
    AwsService,
    IdentityCenterUser,

    /// <summary>The guard's own schedule (the sweep): nobody did anything.</summary>
    Schedule,

    /// <summary>A type CloudTrail added after this code was written.</summary>
    Other,
}
