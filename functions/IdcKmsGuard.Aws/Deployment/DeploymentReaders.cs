using Amazon.SimpleSystemsManagement;
using IdcKmsGuard.Aws.Kms;
using IdcKmsGuard.Aws.Sns;
using IdcKmsGuard.Core.Auditing;

namespace IdcKmsGuard.Aws.Deployment;

/// <summary>What `doctor` reads a deployment with: the stack, its function, rules, topic and parameter, the trails, and
/// Identity Center's keys (through the auditor, as `audit` finds them).</summary>
public sealed record DeploymentReaders(
    CloudFormationClient Stacks,
    LambdaClient Functions,
    EventBridgeRulesClient Rules,
    CloudTrailClient Trails,
    SnsClient Topics,
    IAmazonSimpleSystemsManagement Parameters,
    KmsClientFactory Keys,
    Auditor Auditor);
