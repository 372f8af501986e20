namespace IdcKmsGuard.Aws.Endpoints;

/// <param name="SigningName">The SigV4 service name in the credential scope.</param>
/// <param name="EndpointPrefix">The host's first label: https://{prefix}.{region}.amazonaws.com.</param>
/// <param name="EnvironmentName">The service id as AWS_ENDPOINT_URL_&lt;SERVICE&gt; spells it (upper case, spaces as underscores).</param>
public sealed record AwsService(string SigningName, string EndpointPrefix, string EnvironmentName)
{
    public static AwsService SsoAdmin { get; } = new("sso", "sso", "SSO_ADMIN");

    public static AwsService Sns { get; } = new("sns", "sns", "SNS");

    public static AwsService Kms { get; } = new("kms", "kms", "KMS");

    public static AwsService EventBridge { get; } = new("events", "events", "EVENTBRIDGE");

    public static AwsService Ssm { get; } = new("ssm", "ssm", "SSM");

    public static AwsService DynamoDb { get; } = new("dynamodb", "dynamodb", "DYNAMODB");

    public static AwsService Sqs { get; } = new("sqs", "sqs", "SQS");

    /// <summary>Called only when the stack's SecurityHubFindings is enabled.</summary>
    public static AwsService SecurityHub { get; } = new("securityhub", "securityhub", "SECURITYHUB");

    // Read by `idckmsguard doctor` only: the guard itself never calls these.
    public static AwsService CloudTrail { get; } = new("cloudtrail", "cloudtrail", "CLOUDTRAIL");

    public static AwsService CloudFormation { get; } = new("cloudformation", "cloudformation", "CLOUDFORMATION");

    public static AwsService Lambda { get; } = new("lambda", "lambda", "LAMBDA");

    /// <summary>Every service the guard calls.</summary>
    public static IReadOnlyList<AwsService> All { get; } = [SsoAdmin, Sns, Kms, EventBridge, Ssm, DynamoDb, Sqs, SecurityHub];
}
