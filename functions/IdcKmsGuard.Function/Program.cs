using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Function;
using IdcKmsGuard.Lambda.Runtime;
using IdcKmsGuard.Lambda.Runtime.Logging;
using Microsoft.Extensions.Logging;

var environment = ProcessEnvironmentVariables.Instance;
using var loggerFactory = LambdaLoggerFactory.CreateForStandardOutput(environment, TimeProvider.System);
using var runtime = LambdaRuntimeClient.FromEnvironment(environment);
var bootstrap = new LambdaBootstrap(runtime, loggerFactory, environment, TimeProvider.System);

return (int)await bootstrap.RunAsync(_ =>
{
    var deployment = DeploymentEnvironment.Read(environment);
    var logger = loggerFactory.CreateLogger("IdcKmsGuard");
    var endpoints = AwsEndpointResolver.FromLambdaProcess;
    foreach (var refused in AwsService.All.Select(endpoints.Refused).OfType<string>().Distinct(StringComparer.Ordinal))
    {
        logger.LogWarning("Endpoint override ignored: {Override} does not point at this machine; the guard calls AWS's public endpoints", refused);
    }

    var guard = AwsGuardFactory.Create(deployment, new SdkCredentialSource(), endpoints, TimeProvider.System, logger);
    logger.LogInformation(
        "Guard ready: remediation {Mode}, alerts to {Topic}", deployment.Options.RemediationEnabled ? "on" : "off", deployment.AlertTopicArn);
    return Task.FromResult<ILambdaHandler>(new GuardHandler(
        guard, logger, TimeProvider.System, loggerFactory.WriteRawLine, loggerFactory.Options.Service, DeploymentEnvironment.OwnQueues(environment)));
}).ConfigureAwait(false);
