namespace IdcKmsGuard.Lambda.Runtime;

// Error types the runtime reports on its own behalf, named like Lambda's (Function.*, Runtime.*).
public static class LambdaErrorTypes
{
    public const string DeadlineExceeded = "Function.DeadlineExceeded";
    public const string HandlerDidNotStop = "Function.HandlerDidNotStop";
    public const string Shutdown = "Function.Shutdown";
    public const string ResponseSizeTooLarge = "Function.ResponseSizeTooLarge";
    public const string ResponseRejected = "Runtime.ResponseRejected";
}
