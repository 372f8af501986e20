namespace IdcKmsGuard.Lambda.Runtime;

// Distinct non-zero codes so that Lambda's "Runtime exited with error: exit status N" says which failure it was.
public enum LambdaExitCode
{
    Stopped = 0,
    InitFailed = 1,
    RuntimeApiUnreachable = 2,
    HandlerDidNotStop = 3,
}
