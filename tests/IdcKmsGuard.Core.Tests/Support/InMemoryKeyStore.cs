using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Tests.Support;

/// <summary>KMS's state rules in memory, for decision tests; the real adapter is tested against moto.</summary>
internal sealed class InMemoryKeyStore : IKeyStore
{
    private readonly Dictionary<string, KeySnapshot> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> aliases = new(StringComparer.Ordinal);

    private static readonly HashSet<string> ChangingOperations = new(["EnableKey", "CancelKeyDeletion", "PutKeyPolicy", "EnableKeyRotation"], StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    /// <summary>Keys the role may change though they are not marked guarded (the template's grant on the alert topic's key).</summary>
    public HashSet<string> GrantedWithoutMark { get; } = new(StringComparer.Ordinal);

    /// <summary>Regions whose KMS answers every call with an error (an opt-in Region not enabled, an outage).</summary>
    public HashSet<string> UnreachableRegions { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DeniedOperations { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs once, just before the next EnableKey: another actor's change landing mid-remediation.</summary>
    public Action<InMemoryKeyStore>? BeforeNextEnable { get; set; }

    /// <summary>
    /// Scripted failures per operation, taken in order: each entry fails one call. <see cref="Fault.Lost"/> applies the
    /// call and then fails it, as when KMS took it and the answer was lost.
    /// </summary>
    public Dictionary<string, Queue<Fault>> Faults { get; } = new(StringComparer.Ordinal);

    public void FailNext(string operation, params Fault[] faults)
    {
        if (!Faults.TryGetValue(operation, out var queue))
        {
            Faults[operation] = queue = new Queue<Fault>();
        }

        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    public void SetState(KeyArn arn, KeyState state) => keys[arn.ToString()] = keys[arn.ToString()] with { State = state };

    /// <param name="guarded">Marked with the guarded tag, as infra/key/*.yaml and enable-cmk mark Identity Center's key.</param>
    public KeySnapshot Add(KeyArn arn, KeyState state, string policy = "{}", bool guarded = true)
    {
        var snapshot = new KeySnapshot(arn, state, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS_KMS", "CUSTOMER", arn.IsMultiRegion, arn.IsMultiRegion ? MultiRegionRole.Primary : MultiRegionRole.None, null);
        keys[arn.ToString()] = snapshot;
        policies[arn.ToString()] = policy;
        if (guarded)
        {
            Tag(arn, GuardedKeyTag.Key, GuardedKeyTag.Value);
        }

        return snapshot;
    }

    public void Untag(KeyArn key, string tagKey) => Tags.GetValueOrDefault(key.ToString())?.Remove(tagKey);

    public void Update(KeyArn arn, Func<KeySnapshot, KeySnapshot> change) => keys[arn.ToString()] = change(keys[arn.ToString()]);

    public void Remove(KeyArn arn) => keys.Remove(arn.ToString());

    public void AddAlias(string alias, KeyArn target) => aliases[alias] = target.ToString();

    public KeyState StateOf(KeyArn arn) => keys[arn.ToString()].State;

    public Task<KeySnapshot?> DescribeKeyAsync(KeyArn key, CancellationToken cancellationToken)
    {
        Record("DescribeKey", key);
        return Task.FromResult(keys.GetValueOrDefault(key.ToString()));
    }

    public Task<KeySnapshot?> ResolveAliasAsync(string region, string aliasName, CancellationToken cancellationToken)
    {
        Calls.Add($"DescribeKey {aliasName}");

        // KMS takes an alias by name or by ARN (arn:aws:kms:REGION:ACCOUNT:alias/NAME).
        var at = aliasName.IndexOf(":alias/", StringComparison.Ordinal);
        var name = at < 0 ? aliasName : aliasName[(at + 1)..];
        return Task.FromResult(aliases.TryGetValue(name, out var arn) ? keys.GetValueOrDefault(arn) : null);
    }

    /// <summary>Runs after each GetKeyPolicy answer, with how many came before: a hung call landing between two reads.</summary>
    public Action<int>? AfterPolicyRead { get; set; }

    private int policyReads;

    public Task<string> GetKeyPolicyAsync(KeyArn key, CancellationToken cancellationToken)
    {
        Record("GetKeyPolicy", key);
        var policy = policies[key.ToString()];
        AfterPolicyRead?.Invoke(policyReads++);
        return Task.FromResult(policy);
    }

    public string PolicyOf(KeyArn arn) => policies[arn.ToString()];

    /// <summary>Somebody else's PutKeyPolicy: not the guard's call, so neither recorded nor limited to guarded keys.</summary>
    public void SetPolicy(KeyArn arn, string policy) => policies[arn.ToString()] = policy;

    public Task PutKeyPolicyAsync(KeyArn key, string policy, CancellationToken cancellationToken)
    {
        const string operation = "PutKeyPolicy";
        var lost = Record(operation, key);
        policies[key.ToString()] = policy;
        lost?.Throw(key, operation);
        return Task.CompletedTask;
    }

    public Task EnableKeyAsync(KeyArn key, CancellationToken cancellationToken)
    {
        const string operation = "EnableKey";
        var lost = Record(operation, key);
        var race = BeforeNextEnable;
        BeforeNextEnable = null;
        race?.Invoke(this);
        var snapshot = keys[key.ToString()];
        if (snapshot.IsPendingDeletion)
        {
            throw new AwsCallException("KMS", "EnableKey", "KMSInvalidStateException", $"{key} is pending deletion.", "req-1", 400);
        }

        keys[key.ToString()] = snapshot with { State = KeyState.Enabled };
        lost?.Throw(key, operation);
        return Task.CompletedTask;
    }

    public Task CancelKeyDeletionAsync(KeyArn key, CancellationToken cancellationToken)
    {
        const string operation = "CancelKeyDeletion";
        var lost = Record(operation, key);
        if (!keys[key.ToString()].IsPendingDeletion)
        {
            throw new AwsCallException("KMS", "CancelKeyDeletion", "KMSInvalidStateException", $"{key} is {keys[key.ToString()].State} and not pending deletion.", "req-2", 400);
        }

        keys[key.ToString()] = keys[key.ToString()] with { State = KeyState.Disabled, DeletionDate = null };
        lost?.Throw(key, operation);
        return Task.CompletedTask;
    }

    public HashSet<string> RotationEnabled { get; } = new(StringComparer.Ordinal);

    /// <summary>Tags per key, as KMS keeps them: one key's tag never speaks for another.</summary>
    public Dictionary<string, Dictionary<string, string>> Tags { get; } = new(StringComparer.Ordinal);

    public void Tag(KeyArn key, string tagKey, string value)
    {
        if (!Tags.TryGetValue(key.ToString(), out var tags))
        {
            Tags[key.ToString()] = tags = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        tags[tagKey] = value;
    }

    public Task<bool> IsRotationEnabledAsync(KeyArn key, CancellationToken cancellationToken)
    {
        Record("GetKeyRotationStatus", key);
        return Task.FromResult(RotationEnabled.Contains(key.ToString()));
    }

    public Task EnableRotationAsync(KeyArn key, CancellationToken cancellationToken)
    {
        const string operation = "EnableKeyRotation";
        var lost = Record(operation, key);
        RotationEnabled.Add(key.ToString());
        lost?.Throw(key, operation);
        return Task.CompletedTask;
    }

    public Task MarkGuardedAsync(KeyArn key, CancellationToken cancellationToken)
    {
        Record("TagResource", key);
        Tag(key, GuardedKeyTag.Key, GuardedKeyTag.Value);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, string>> GetTagsAsync(KeyArn key, CancellationToken cancellationToken)
    {
        Record("ListResourceTags", key);
        return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(Tags.GetValueOrDefault(key.ToString()) ?? [], StringComparer.Ordinal));
    }

    /// <returns>A fault to raise once the call has taken effect (a lost answer); null: none.</returns>
    private Fault? Record(string operation, KeyArn key)
    {
        Calls.Add($"{operation} {key}");
        if (Faults.TryGetValue(operation, out var queue) && queue.TryDequeue(out var fault) && fault != Fault.Pass)
        {
            if (fault == Fault.Lost)
            {
                return fault;
            }

            fault.Throw(key, operation);
        }

        // The template grants key changes only under aws:ResourceTag/idckmsguard:guarded = true.
        var marked = GuardedKeyTag.IsMarked(Tags.GetValueOrDefault(key.ToString()) ?? []) || GrantedWithoutMark.Contains(key.ToString());
        if (DeniedOperations.Contains(operation) || (ChangingOperations.Contains(operation) && !marked))
        {
            throw new AwsCallException("KMS", operation, "AccessDeniedException", "not authorized", "req-denied", 400, key.ToString());
        }

        if (UnreachableRegions.Contains(key.Region))
        {
            throw new AwsCallException("kms", operation, "UnrecognizedClientException", "The security token included in the request is invalid.", "req-region", 400, key.ToString());
        }

        return null;
    }
}

/// <summary>How a scripted call fails: as the AWS SDK reports each kind once its own retries are spent.</summary>
internal sealed record Fault(string Code, int? Status)
{
    public static Fault Throttled { get; } = new("ThrottlingException", 400);

    public static Fault ServerError { get; } = new("KMSInternalException", 500);

    public static Fault Denied { get; } = new("AccessDeniedException", 400);

    /// <summary>The call took effect; its answer never arrived.</summary>
    public static Fault Lost { get; } = new("NetworkError", null);

    /// <summary>Lets one call through, to fail a later one.</summary>
    public static Fault Pass { get; } = new("-", null);

    public void Throw(KeyArn key, string operation) =>
        throw new AwsCallException("kms", operation, Code, $"injected {Code}", Status is null ? null : "req-fault", Status, key.ToString());
}
