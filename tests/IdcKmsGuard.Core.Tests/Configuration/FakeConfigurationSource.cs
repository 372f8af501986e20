using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Tests.Configuration;

/// <summary>A configuration source whose answer a test sets, counting reads.</summary>
internal sealed class FakeConfigurationSource : IConfigurationDocumentSource
{
    public const string Source = "ssm:/idckmsguard/config";

    private Func<ConfigurationDocument?> answer = () => null;

    public string Origin => Source;

    public int Reads { get; private set; }

    public void Holds(string text, string? version) => answer = () => new ConfigurationDocument(text, Source, version);

    public void HoldsNothing() => answer = () => null;

    public void Fails(string errorCode = "AccessDeniedException") =>
        answer = () => throw new AwsCallException("ssm", "GetParameter", errorCode, "not allowed", "req-1", 400, "/idckmsguard/config");

    public Task<ConfigurationDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Reads++;
        return Task.FromResult(answer());
    }
}
