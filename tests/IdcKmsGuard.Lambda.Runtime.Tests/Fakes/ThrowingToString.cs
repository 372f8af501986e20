namespace IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

internal sealed class ThrowingToString
{
    public override string ToString() => throw new NotImplementedException("no text form");
}
