namespace IdcKmsGuard.Lambda.Runtime;

internal sealed record LambdaErrorBody(string ErrorMessage, string ErrorType, IReadOnlyList<string> StackTrace);
