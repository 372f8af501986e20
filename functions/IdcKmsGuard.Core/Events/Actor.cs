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

    public string Describe() => (Type, Arn, InvokedBy) switch
    {
        (_, { } arn, _) when Type is not null => $"{Type} {arn}",
        (_, { } arn, _) => arn,
        ("Schedule", null, _) => "the guard's scheduled sweep (no event named the key)",
        (_, null, { } service) => $"AWS service ({service})",
        ({ } type, null, null) => type,
        _ => "unknown principal",
    };
}
