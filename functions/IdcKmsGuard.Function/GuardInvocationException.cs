using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Lambda.Runtime;

namespace IdcKmsGuard.Function;

/// <summary>Carries a guard failure to the Runtime API with its own errorType (MalformedEvent, AwsCallFailed).</summary>
internal sealed class GuardInvocationException(GuardException inner) : Exception(inner.Message, inner), ILambdaError
{
    public string ErrorType => inner.ErrorType;
}
