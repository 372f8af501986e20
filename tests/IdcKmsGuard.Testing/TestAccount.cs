using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Testing;

/// <summary>
/// A fresh AWS account on the stand-in: the moto extension treats a 12-digit access key as the account id, so
/// each test gets its own Identity Center instance, keys and topics.
/// </summary>
public sealed class TestAccount
{
    private static int counter;

    private TestAccount(string accountId, string region)
    {
        AccountId = accountId;
        Region = region;
        Credentials = new BasicAWSCredentials(accountId, "secret-for-" + accountId);
        Endpoints = new AwsEndpointResolver(name => name == AwsEndpointResolver.GlobalOverride ? Moto.Endpoint.ToString() : null);
    }

    public static MotoServer Moto => MotoServer.Instance;

    public string AccountId { get; }

    public string Region { get; }

    public BasicAWSCredentials Credentials { get; }

    public AwsEndpointResolver Endpoints { get; }

    public static TestAccount Create(string region = "us-east-1")
    {
        // Distinct per process and per test: pid and a counter, padded into 12 digits.
        var id = $"9{Environment.ProcessId % 100_000:D5}{Interlocked.Increment(ref counter) % 1_000_000:D6}";
        return new TestAccount(id, region);
    }

    public AwsHttpClient HttpClient(BackoffPolicy? retry = null) =>
        new(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, new SdkCredentialSource(Credentials), Endpoints, TimeProvider.System, retry ?? BackoffPolicy.Standard);

    /// <summary>Environment for a child process (the bootstrap, the CLI) acting as this account on the stand-in.</summary>
    public IReadOnlyDictionary<string, string> ProcessEnvironment() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = AccountId,
        ["AWS_SECRET_ACCESS_KEY"] = "secret-for-" + AccountId,
        ["AWS_REGION"] = Region,
        ["AWS_DEFAULT_REGION"] = Region,
        [AwsEndpointResolver.GlobalOverride] = Moto.Endpoint.ToString(),
    };

    /// <summary>
    /// How many DescribeInstance calls see UPDATING after this account's next key switch (the stand-in's control
    /// route); null: the server's default (none).
    /// </summary>
    public async Task SetUpdatingReadsAsync(int? reads)
    {
        using var http = new HttpClient();
        var body = "{\"account\": \"" + AccountId + "\", \"reads\": " + (reads?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null") + "}";
        using var response = await http.PostAsync(new Uri(Moto.Endpoint, "/_idckmsguard/sso/updating-reads"), new StringContent(body));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Runs infra/local/seed.py for this account: instance on a CMK with the baseline policy, topic, queue.</summary>
    public SeededAccount Seed(bool multiRegion = true)
    {
        var start = new ProcessStartInfo("python3", [Path.Combine(RepoPaths.LocalInfra, "seed.py"), "--endpoint", Moto.Endpoint.ToString(), "--account", AccountId, "--region", Region, multiRegion ? "--multi-region" : "--no-multi-region"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"seed.py failed ({process.ExitCode}): {error}");
        }

        return JsonSerializer.Deserialize(output, TestingJsonContext.Default.SeededAccount)!;
    }
}
