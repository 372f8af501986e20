using System.Net;

namespace IdcKmsGuard.Lambda.Runtime;

public sealed class LambdaRuntimeApiException : Exception
{
    public LambdaRuntimeApiException()
    {
    }

    public LambdaRuntimeApiException(string message)
        : base(message)
    {
    }

    public LambdaRuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LambdaRuntimeApiException(string operation, HttpStatusCode statusCode, string responseBody)
        : base($"The Lambda Runtime API answered {operation} with {(int)statusCode} {statusCode}: {responseBody}")
    {
        Operation = operation;
        StatusCode = statusCode;
    }

    public string? Operation { get; }

    public HttpStatusCode? StatusCode { get; }
}
