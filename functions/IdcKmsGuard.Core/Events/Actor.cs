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

    public string Describe() => (Type, Arn, InvokedBy) switch
    {
        (_, { } arn, _) when Type is not null => $"{Type} {arn}",
        (_, { } arn, _) => arn,
        (_, null, { } service) => $"AWS service ({service})",
        ({ } type, null, null) => type,
        _ => "unknown principal",
    };
}
