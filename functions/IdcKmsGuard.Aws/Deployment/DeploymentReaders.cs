using Amazon.SimpleSystemsManagement;
using IdcKmsGuard.Aws.Sns;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Aws.Deployment;

/// <summary>What `doctor` reads a deployment with: the stack, its function, rules, topic and parameter, the trails, and
/// Identity Center and its keys through the same readers the guard uses.</summary>
public sealed record DeploymentReaders(
    CloudFormationClient Stacks,
    LambdaClient Functions,
    EventBridgeRulesClient Rules,
    CloudTrailClient Trails,
    SnsClient Topics,
    IAmazonSimpleSystemsManagement Parameters,
    IIdentityCenter IdentityCenter,
    IKeyStore Keys);
