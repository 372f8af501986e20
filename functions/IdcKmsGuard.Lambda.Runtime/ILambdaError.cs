namespace IdcKmsGuard.Lambda.Runtime;

// Lets an exception choose the errorType that Lambda reports to the invoker, the DLQ and destinations,
// instead of its CLR type name.
public interface ILambdaError
{
    string ErrorType { get; }
}
