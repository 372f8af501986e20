namespace IdcKmsGuard.Lambda.Runtime;

public sealed record LambdaError(string ErrorType, string ErrorMessage)
{
    public static LambdaError FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new LambdaError(ErrorTypeOf(exception), exception.Message);
    }

    public static string ErrorTypeOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is ILambdaError { ErrorType: { } errorType } && !string.IsNullOrWhiteSpace(errorType))
        {
            return errorType;
        }

        // Internal subclasses (System.Text.Json throws JsonReaderException) would leak names that change
        // between framework versions; the nearest public base type is what alarms and queries can rely on.
        var type = exception.GetType();
        while (!type.IsPublic && !type.IsNestedPublic && type.BaseType is { } baseType)
        {
            type = baseType;
        }

        return type.Name;
    }
}
