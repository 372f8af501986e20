using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using IdcKmsGuard.Aws.Configuration;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Aws.Tests.Configuration;

/// <summary>SsmConfigurationSource over AWSSDK.SimpleSystemsManagement against the stand-in, each test in its own account.</summary>
public sealed class SsmConfigurationSourceTests : IDisposable
{
    private const string Name = "/idckmsguard/configuration";
    private readonly TestAccount account = TestAccount.Create();
    private readonly SsmClientFactory clients;

    public SsmConfigurationSourceTests() => clients = new SsmClientFactory(account.Credentials, account.Endpoints);

    private IAmazonSimpleSystemsManagement Ssm => clients.For(account.Region);

    [Fact]
    public async Task ReadAsync_WhenTheParameterExists_ShouldReturnItsTextOriginAndVersion()
    {
        await PutAsync("""{ "version": 1, "dryRun": true }""");

        var document = await new SsmConfigurationSource(Ssm, Name).ReadAsync(CancellationToken.None);

        Assert.Equal(("""{ "version": 1, "dryRun": true }""", "ssm:/idckmsguard/configuration", "1"), (document!.Text, document.Origin, document.Version));
        Assert.NotNull(document.ModifiedAt);
    }

    [Fact]
    public async Task ReadAsync_WhenTheParameterWasOverwritten_ShouldReturnTheNewTextAndVersion()
    {
        await PutAsync("""{ "version": 1 }""");
        await PutAsync("""{ "version": 1, "dryRun": false }""");

        var document = await new SsmConfigurationSource(Ssm, Name).ReadAsync(CancellationToken.None);

        Assert.Equal(("""{ "version": 1, "dryRun": false }""", "2"), (document?.Text, document?.Version));
    }

    // Deleted and created again, SSM numbers the parameter from 1; when it wrote it still orders the two.
    [Fact]
    public async Task ReadAsync_WhenTheParameterWasDeletedAndCreatedAgain_ShouldSayItWasWrittenLater()
    {
        await PutAsync("""{ "version": 1 }""");
        await PutAsync("""{ "version": 1, "dryRun": false }""");
        var before = await new SsmConfigurationSource(Ssm, Name).ReadAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        await Ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = Name });
        await PutAsync("""{ "version": 1, "dryRun": true }""");

        var after = await new SsmConfigurationSource(Ssm, Name).ReadAsync(CancellationToken.None);

        Assert.Equal(("2", "1"), (before!.Version, after!.Version));
        Assert.True(after.ModifiedAt > before.ModifiedAt, $"{after.ModifiedAt:O} is not after {before.ModifiedAt:O}");
    }

    [Fact]
    public async Task ReadAsync_WhenTheParameterIsASecureString_ShouldReturnThePlainText()
    {
        await PutAsync("""{ "version": 1 }""", ParameterType.SecureString);

        var document = await new SsmConfigurationSource(Ssm, Name).ReadAsync(CancellationToken.None);

        Assert.Equal("""{ "version": 1 }""", document?.Text);
    }

    [Fact]
    public async Task ReadAsync_WhenTheParameterDoesNotExist_ShouldReturnNull()
    {
        Assert.Null(await new SsmConfigurationSource(Ssm, "/idckmsguard/no-such-parameter").ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ConfigurationProvider_WhenTheParameterTurnsInvalid_ShouldKeepTheLastGoodVersion()
    {
        var provider = new Core.Configuration.ConfigurationProvider(new SsmConfigurationSource(Ssm, Name), TimeProvider.System, TimeSpan.Zero);
        await PutAsync("""{ "version": 1, "dryRun": true }""");
        var good = await provider.GetAsync(CancellationToken.None);
        await PutAsync("""{ "version": 1, "dryRun": "yes" }""");

        var bad = await provider.GetAsync(CancellationToken.None);

        Assert.Equal(("ssm:/idckmsguard/configuration (version 1)", false), (good.Origin, good.UsingFallback));
        Assert.True(bad.Configuration.DryRun);
        Assert.Equal(("ssm:/idckmsguard/configuration (version 1)", true), (bad.Origin, bad.UsingFallback));
        Assert.Equal(["ssm:/idckmsguard/configuration (version 2): dryRun: must be true or false"], bad.Problems);
    }

    public void Dispose() => clients.Dispose();

    private Task<PutParameterResponse> PutAsync(string value, ParameterType? type = null) =>
        Ssm.PutParameterAsync(new PutParameterRequest { Name = Name, Value = value, Type = type ?? ParameterType.String, Overwrite = true }, CancellationToken.None);
}
