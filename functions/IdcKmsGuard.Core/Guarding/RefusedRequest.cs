using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The request KMS refused, as the policy engine models requests: who (the service itself, or an administrator's
/// role session through it), which action, and the context CloudTrail recorded (the encryption context) or that the
/// call implies (kms:ViaService for a call through the service, the source account for the service's own).
/// Evaluating it against the live policy asks the engine about exactly what AWS refused.
/// </summary>
internal static class RefusedRequest
{
    public static PolicyRequest For(GuardEvent refused, KeyArn key, string? orgId)
    {
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(key);
        var org = orgId ?? RequiredRequestCatalog.UnknownOrgId;
        var service = refused.Actor.InvokedBy ?? RequiredRequestCatalog.SsoService;
        var context = RequestContext.Empty.With("aws:ResourceOrgID", org).With("aws:ResourceAccount", key.Account);
        if (refused.EncryptionContext is { Count: > 0 } encryption)
        {
            foreach (var (name, value) in encryption)
            {
                context = context.With($"kms:EncryptionContext:{name}", value);
            }

            context = context.With("kms:EncryptionContextKeys", [.. encryption.Keys]);
        }

        PolicyPrincipal principal;
        if (refused.Actor.Kind == ActorType.AwsService || refused.Actor.Arn is null)
        {
            principal = new ServicePrincipal(service);
            context = context.With("aws:SourceAccount", refused.Account ?? key.Account).With("aws:SourceOrgID", org);
            if (refused.EncryptionContext?.GetValueOrDefault(ContextKeyOf(service)) is { } sourceArn)
            {
                context = context.With("aws:SourceArn", sourceArn);
            }
        }
        else
        {
            var account = refused.Actor.AccountId ?? key.Account;
            principal = new IamPrincipal(refused.Actor.SessionIssuerArn ?? refused.Actor.Arn, account, org)
            {
                SessionName = refused.Actor.Arn.Split('/') is { Length: 3 } session ? session[2] : null,
            };
            context = context.With("kms:ViaService", $"{service.Split('.')[0]}.{refused.Region ?? key.Region}.amazonaws.com")
                .With("kms:CallerAccount", account);
        }

        return new PolicyRequest(principal, ActionOf(refused.EventName), key.ToString(), context);
    }

    // CloudTrail names every re-encryption ReEncrypt; the key policy grants the source side as kms:ReEncryptFrom.
    private static string ActionOf(string eventName) => eventName == "ReEncrypt" ? "kms:ReEncryptFrom" : $"kms:{eventName}";

    private static string ContextKeyOf(string service) =>
        service == RequiredRequestCatalog.IdentityStoreService ? RequiredRequestCatalog.IdentityStoreContextKey : RequiredRequestCatalog.InstanceContextKey;
}
