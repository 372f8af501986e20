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
    var settings = GuardSettings.FromEnvironment(environment);
    var logger = loggerFactory.CreateLogger("IdcKmsGuard");
    var guard = GuardComposition.Create(settings, new SdkCredentialSource(), AwsEndpointResolver.FromProcess, TimeProvider.System, logger);
    logger.LogInformation("Guard ready: remediation {Mode}, alerts to {Topic}", settings.RemediationEnabled ? "on" : "off", settings.AlertTopicArn);
    return Task.FromResult<ILambdaHandler>(new GuardHandler(guard, logger, TimeProvider.System, loggerFactory.WriteRawLine, loggerFactory.Options.Service));
}).ConfigureAwait(false);
