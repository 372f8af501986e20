namespace IdcKmsGuard.Core.Alerts;

/// <summary>
/// Where each rule's runbook lives: {base}{RULE-ID}.md. The default is the pages' path in the repository and release
/// (infra/docs/runbooks/); the stack's RunbookBaseUrl points alerts at a published copy (a wiki, the repository's web
/// view) instead.
/// </summary>
public sealed record RunbookLinks
{
    public const string RepositoryPath = "infra/docs/runbooks/";

    public RunbookLinks(string baseLocation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseLocation);
        var absolute = Uri.TryCreate(baseLocation, UriKind.Absolute, out var uri);
        if (absolute && uri!.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"A runbook base must be an https URL or a relative path, not '{baseLocation}'.", nameof(baseLocation));
        }

        Base = baseLocation.EndsWith('/') ? baseLocation : baseLocation + "/";
    }

    public static RunbookLinks Default { get; } = new(RepositoryPath);

    public string Base { get; }

    public string For(string ruleId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        return $"{Base}{Uri.EscapeDataString(ruleId)}.md";
    }
}
