using System.Text;
using IdcKmsGuard.Aws.Configuration;
using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Aws.Tests.Configuration;

public sealed class FileConfigurationSourceTests : IDisposable
{
    private readonly string path = Path.GetTempFileName();

    [Fact]
    public async Task ReadAsync_WhenTheFileExists_ShouldReturnItsTextWithTheFileAsOrigin()
    {
        await File.WriteAllTextAsync(path, """{ "version": 1 }""");

        var document = await new FileConfigurationSource(path).ReadAsync(CancellationToken.None);

        Assert.Equal(new ConfigurationDocument("""{ "version": 1 }""", $"file:{path}", null), document);
    }

    [Fact]
    public async Task ReadAsync_WhenTheFileStartsWithAByteOrderMark_ShouldDropIt()
    {
        await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("""{ "version": 1 }""")]);

        var document = await new FileConfigurationSource(path).ReadAsync(CancellationToken.None);

        Assert.Equal("""{ "version": 1 }""", document?.Text);
        Assert.False(ConfigurationParser.Parse(document!.Text).DryRun);
    }

    [Fact]
    public async Task ReadAsync_WhenTheFileIsMissing_ShouldThrowConfigurationSourceException()
    {
        var missing = path + ".missing";

        var failure = await Assert.ThrowsAsync<ConfigurationSourceException>(() => new FileConfigurationSource(missing).ReadAsync(CancellationToken.None));

        Assert.Equal($"file:{missing}", failure.Origin);
        Assert.Equal("ConfigurationUnreadable", failure.ErrorType);
    }

    public void Dispose() => File.Delete(path);
}
