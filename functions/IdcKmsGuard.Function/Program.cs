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
    var guard = AwsGuardFactory.Create(deployment, new SdkCredentialSource(), AwsEndpointResolver.FromProcess, TimeProvider.System, logger);
    logger.LogInformation(
        "Guard ready: remediation {Mode}, alerts to {Topic}", deployment.Options.RemediationEnabled ? "on" : "off", deployment.AlertTopicArn);
    return Task.FromResult<ILambdaHandler>(new GuardHandler(guard, logger, TimeProvider.System, loggerFactory.WriteRawLine, loggerFactory.Options.Service));
}).ConfigureAwait(false);
