namespace IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

internal sealed class CustomTypedException(string message) : Exception(message), ILambdaError
{
    public string ErrorType => "Guard.KeyPolicyUnreadable";
}
