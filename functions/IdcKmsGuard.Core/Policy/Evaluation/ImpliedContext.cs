namespace IdcKmsGuard.Core.Policy.Evaluation;

/// <summary>
/// Global condition keys that follow from who asks and for what; a caller's explicit value always wins. Without
/// them a policy condition on aws:PrincipalAccount or aws:ResourceAccount would look unmet for no reason.
/// </summary>
internal static class ImpliedContext
{
    public static RequestContext Complete(PolicyRequest request)
    {
        var implied = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        switch (request.Principal)
        {
            case ServicePrincipal service:
                implied["aws:PrincipalIsAWSService"] = ["true"];
                implied["aws:PrincipalServiceName"] = [service.Name];
                break;
            case IamPrincipal iam:
                implied["aws:PrincipalIsAWSService"] = ["false"];
                implied["aws:PrincipalArn"] = [iam.Arn];
                implied["aws:PrincipalAccount"] = [iam.Account];
                implied["kms:CallerAccount"] = [iam.Account];
                if (iam.OrgId is not null)
                {
                    implied["aws:PrincipalOrgID"] = [iam.OrgId];
                }

                break;
        }

        var parts = request.ResourceArn.Split(':');
        if (parts.Length == 6 && parts[4].Length == 12)
        {
            implied["aws:ResourceAccount"] = [parts[4]];
        }

        foreach (var key in request.Context.Keys)
        {
            implied[key] = request.Context.Get(key)!;
        }

        return new RequestContext(implied);
    }
}
