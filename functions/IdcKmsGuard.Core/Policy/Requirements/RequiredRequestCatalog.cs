using IdcKmsGuard.Core.Policy.Evaluation;

namespace IdcKmsGuard.Core.Policy.Requirements;

/// <summary>
/// The requests Identity Center makes to its key, built from the real instance (identity-center-cmk.md): the two
/// service principals with the encryption context they send, administrators via kms:ViaService, and managed
/// applications likewise.
/// </summary>
public static class RequiredRequestCatalog
{
    public const string SsoService = "sso.amazonaws.com";
    public const string IdentityStoreService = "identitystore.amazonaws.com";
    public const string InstanceContextKey = "aws:sso:instance-arn";
    public const string IdentityStoreContextKey = "aws:identitystore:identitystore-arn";

    // The value of tenant-key-id is internal to Identity Center; a policy pinning it cannot be judged.
    public const string TenantKeyIdPlaceholder = "tenant-key-id-value";

    // Standing in for an unknown organization: policies that use ${aws:ResourceOrgID} still evaluate correctly.
    public const string UnknownOrgId = "o-unknownorg0";

    // Administrators call as a session of their role; Identity Center names the session after the user.
    public const string AdministratorSessionName = "idc-administrator@example.com";

    // A representative AWS managed application (Amazon Q Business) that decrypts through Identity Center.
    public const string ManagedApplicationService = "qbusiness.amazonaws.com";

    public static IReadOnlyList<string> CryptoActions { get; } =
        ["kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKeyWithoutPlaintext"];

    public static IReadOnlyList<RequiredRequest> For(IdentityCenterFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var requests = new List<RequiredRequest>();
        foreach (var (service, contextKey, sourceArn) in Services(facts))
        {
            foreach (var action in CryptoActions)
            {
                requests.Add(new(RequirementKind.Service, action, new PolicyRequest(
                    new ServicePrincipal(service),
                    action,
                    facts.KeyArn,
                    ServiceContext(facts, sourceArn)
                        .With($"kms:EncryptionContext:{contextKey}", sourceArn)
                        .With("kms:EncryptionContext:tenant-key-id", TenantKeyIdPlaceholder)
                        .With("kms:EncryptionContextKeys", contextKey, "tenant-key-id"))));
            }

            requests.Add(new(
                RequirementKind.Service,
                "kms:DescribeKey",
                new PolicyRequest(new ServicePrincipal(service), "kms:DescribeKey", facts.KeyArn, ServiceContext(facts, sourceArn))));
        }

        foreach (var admin in Administrators(facts))
        {
            foreach (var (service, contextKey, sourceArn) in Services(facts))
            {
                var name = service.Split('.')[0];
                requests.Add(new(
                    RequirementKind.Administrator,
                    $"kms:Decrypt through {name}",
                    new PolicyRequest(admin, "kms:Decrypt", facts.KeyArn, ViaService(facts, name, contextKey, sourceArn))));
            }

            requests.Add(new(RequirementKind.Administrator, "kms:DescribeKey", new PolicyRequest(admin, "kms:DescribeKey", facts.KeyArn, OrgContext(facts))));
        }

        foreach (var (service, contextKey, sourceArn) in Services(facts))
        {
            var name = service.Split('.')[0];
            var context = ViaService(facts, name, contextKey, sourceArn).With("aws:SourceOrgID", OrgOf(facts)).With("aws:SourceAccount", facts.Account);
            requests.Add(new(
                RequirementKind.ManagedApplication,
                $"kms:Decrypt through {name}",
                new PolicyRequest(new ServicePrincipal(ManagedApplicationService), "kms:Decrypt", facts.KeyArn, context)));
        }

        requests.AddRange((facts.Extra ?? []).Select(extra =>
            new RequiredRequest(RequirementKind.Extra, $"{extra.Action} ({extra.Name})", ExtraRequestFor(facts, extra))));
        return requests;
    }

    // The organization's own request, with the context Identity Center's requests would carry for such a caller.
    private static PolicyRequest ExtraRequestFor(IdentityCenterFacts facts, ExtraRequest extra)
    {
        var isIam = extra.Principal.StartsWith("arn:", StringComparison.Ordinal);
        PolicyPrincipal principal = isIam
            ? new IamPrincipal(extra.Principal, extra.Principal.Split(':') is { Length: > 4 } parts ? parts[4] : facts.Account, OrgOf(facts))
            : new ServicePrincipal(extra.Principal);
        var context = isIam ? OrgContext(facts) : OrgContext(facts).With("aws:SourceOrgID", OrgOf(facts)).With("aws:SourceAccount", facts.Account);
        foreach (var (key, values) in extra.Context)
        {
            context = context.With(key, [.. values]);
        }

        return new PolicyRequest(principal, extra.Action, facts.KeyArn, context);
    }

    private static IEnumerable<(string Service, string ContextKey, string SourceArn)> Services(IdentityCenterFacts facts) =>
    [
        (SsoService, InstanceContextKey, facts.InstanceArn),
        (IdentityStoreService, IdentityStoreContextKey, facts.IdentityStoreArn),
    ];

    private static IEnumerable<IamPrincipal> Administrators(IdentityCenterFacts facts) =>
        (facts.Administrators ?? facts.AdminAccounts.Select(account => new IamPrincipal(
                $"arn:{facts.Partition}:iam::{account}:role/aws-reserved/sso.amazonaws.com/{facts.Region}/"
                + "AWSReservedSSO_AdministratorAccess_0123456789abcdef",
                account,
                OrgOf(facts))))
            .Select(admin => admin with { SessionName = admin.SessionName ?? AdministratorSessionName });

    private static RequestContext ServiceContext(IdentityCenterFacts facts, string sourceArn) =>
        OrgContext(facts).With("aws:SourceAccount", facts.Account).With("aws:SourceArn", sourceArn).With("aws:SourceOrgID", OrgOf(facts));

    private static RequestContext ViaService(IdentityCenterFacts facts, string service, string contextKey, string sourceArn) =>
        OrgContext(facts)
            .With("kms:ViaService", $"{service}.{facts.Region}.amazonaws.com")
            .With($"kms:EncryptionContext:{contextKey}", sourceArn)
            .With("kms:EncryptionContext:tenant-key-id", TenantKeyIdPlaceholder)
            .With("kms:EncryptionContextKeys", contextKey, "tenant-key-id");

    private static RequestContext OrgContext(IdentityCenterFacts facts) =>
        RequestContext.Empty.With("aws:ResourceOrgID", OrgOf(facts)).With("aws:ResourceAccount", facts.Account);

    private static string OrgOf(IdentityCenterFacts facts) => facts.OrgId ?? UnknownOrgId;
}
