using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// What an alert is about: a key (perhaps the one an instance uses), an Identity Center instance (perhaps with the key it
/// names), or nothing the guard watches (the guard itself, or a subject it could not name).
/// </summary>
/// <remarks>
/// The states are as the guard first read the subject and after it acted: a key's KeyState, an instance's encryption status.
/// </remarks>
internal sealed record AlertSubject
{
    private AlertSubject()
    {
    }

    public static AlertSubject None { get; } = new();

    public KeyArn? Key { get; private init; }

    public string? Region { get; private init; }

    public string? InstanceArn { get; private init; }

    public string? StateBefore { get; init; }

    public string? StateAfter { get; init; }

    public static AlertSubject ForKey(KeyArn key, string? instanceArn = null) => new() { Key = key, Region = key.Region, InstanceArn = instanceArn };

    public static AlertSubject ForInstance(string instanceArn) => new() { InstanceArn = instanceArn };

    /// <param name="region">
    /// The Region the alert names: Identity Center's own, or its key's; given apart because an AWS-owned key has no ARN.
    /// </param>
    public static AlertSubject ForInstance(string instanceArn, KeyArn? keyInUse, string? region) =>
        new() { InstanceArn = instanceArn, Key = keyInUse, Region = region };

    public static AlertSubject ForScope(State.IncidentScope scope) => scope.Key is { } key ? ForKey(key) : ForInstance(scope.Arn);
}
