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

    /// <summary>Makes this account's calls of <paramref name="operation"/> fail on the stand-in (its fault route).</summary>
    /// <param name="kind">throttle, server-error, reset, hang, denied or lost.</param>
    /// <param name="count">How many calls fail; null: every one from now on.</param>
    public async Task InjectFaultAsync(string operation, string kind, int? count = null)
    {
        using var http = new HttpClient();
        var body = "{\"account\": \"" + AccountId + "\", \"operation\": \"" + operation + "\", \"kind\": \"" + kind + "\", \"count\": "
            + (count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null") + "}";
        using var response = await http.PostAsync(new Uri(Moto.Endpoint, "/_idckmsguard/faults"), new StringContent(body));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>One call through boto3 as this account (for set-up the project's clients do not offer, e.g. AddRegion).</summary>
    /// <returns>The response as JSON.</returns>
    public string Boto3(string service, string region, string operation, string argumentsJson = "{}")
    {
        const string Script = "import boto3, json, sys; a = sys.argv; "
            + "c = boto3.client(a[1], region_name=a[2], endpoint_url=a[3], aws_access_key_id=a[4], aws_secret_access_key='local'); "
            + "r = getattr(c, a[5])(**json.loads(a[6])); r.pop('ResponseMetadata', None); print(json.dumps(r, default=str))";
        return Python($"boto3 {service}.{operation}", ["-c", Script, service, region, Moto.Endpoint.ToString(), AccountId, operation, argumentsJson]);
    }

    /// <summary>Runs infra/local/seed.py for this account: instance on a CMK with the baseline policy, topic, queue,
    /// and a replica of the key in each of <paramref name="replicaRegions"/> (added to the instance).</summary>
    public SeededAccount Seed(bool multiRegion = true, params string[] replicaRegions)
    {
        var output = Python("seed.py", [Path.Combine(RepoPaths.LocalInfra, "seed.py"), "--endpoint", Moto.Endpoint.ToString(), "--account", AccountId, "--region", Region, multiRegion ? "--multi-region" : "--no-multi-region", .. replicaRegions.SelectMany(r => new[] { "--replica-region", r })]);
        return JsonSerializer.Deserialize(output, TestingJsonContext.Default.SeededAccount)!;
    }

    private static string Python(string what, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("python3", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{what} failed ({process.ExitCode}): {error}");
    }
}
