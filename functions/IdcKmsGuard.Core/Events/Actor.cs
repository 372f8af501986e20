namespace IdcKmsGuard.Core.Events;

/// <summary>Who caused an event, as CloudTrail's userIdentity tells it.</summary>
/// <param name="SessionIssuerArn">For assumed roles: the role's ARN (sessionContext.sessionIssuer.arn).</param>
/// <param name="InvokedBy">For service-generated events: the service, often "AWS Internal".</param>
public sealed record Actor(
    string? Type,
    string? Arn,
    string? AccountId,
    string? PrincipalId,
    string? SessionIssuerArn,
    string? InvokedBy)
{
    public static Actor Unknown { get; } = new(null, null, null, null, null, null);

    public static Actor Service(string invokedBy) => new("AWSService", null, null, null, null, invokedBy);

    /// <summary>The guard's own schedule: nobody did anything, the sweep looked.</summary>
    public static Actor Schedule { get; } = new("Schedule", null, null, null, null, "events.amazonaws.com");

    public ActorType Kind => Type switch
    {
        null => ActorType.Unknown,
        "Root" => ActorType.Root,
        "IAMUser" => ActorType.IamUser,
        "AssumedRole" => ActorType.AssumedRole,
        "FederatedUser" => ActorType.FederatedUser,
        "AWSAccount" => ActorType.AwsAccount,
        "AWSService" => ActorType.AwsService,
        "IdentityCenterUser" => ActorType.IdentityCenterUser,
        "Schedule" => ActorType.Schedule,
        _ => ActorType.Other,
    };

    public string Describe() => (Type, Arn, InvokedBy) switch
    {
        (_, { } arn, _) when Type is not null => $"{Type} {arn}",
        (_, { } arn, _) => arn,
        (_, null, _) when Kind == ActorType.Schedule => "the guard's scheduled sweep (no event named the key)",
        (_, null, { } service) => $"AWS service ({service})",
        ({ } type, null, null) => type,
        _ => "unknown principal",
    };
}
