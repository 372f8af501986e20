namespace IdcKmsGuard.Lambda.Runtime;

public static class EnvironmentVariableNames
{
    public const string RuntimeApi = "AWS_LAMBDA_RUNTIME_API";
    public const string TraceId = "_X_AMZN_TRACE_ID";
    public const string FunctionName = "AWS_LAMBDA_FUNCTION_NAME";
    public const string FunctionVersion = "AWS_LAMBDA_FUNCTION_VERSION";
    public const string FunctionMemorySize = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

    // Set by Lambda when the function's LoggingConfig has an ApplicationLogLevel (advanced logging controls).
    public const string LambdaLogLevel = "AWS_LAMBDA_LOG_LEVEL";
    public const string ServiceName = "POWERTOOLS_SERVICE_NAME";
    public const string LogLevel = "POWERTOOLS_LOG_LEVEL";
    public const string LogSampleRate = "POWERTOOLS_LOGGER_SAMPLE_RATE";
}
