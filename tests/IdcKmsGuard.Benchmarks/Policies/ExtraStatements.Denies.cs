namespace IdcKmsGuard.Benchmarks.Policies;

// Every Deny here misses Identity Center's requests: other principals, other actions, or conditions the services fail.
internal static partial class ExtraStatements
{
    private const string DenyContractorsKeyManagement = """
        {"Sid":"Deny<Team>ContractorsKeyManagement<n>","Effect":"Deny",
         "Principal":{"AWS":["arn:aws:iam::<account>:role/<team>-contractor","arn:aws:iam::<account>:user/<team>-ci-<n>"]},
         "Action":["kms:ScheduleKeyDeletion","kms:DisableKey","kms:PutKeyPolicy","kms:CreateGrant"],"Resource":"*"}
        """;

    private const string DenyAuditorWrites = """
        {"Sid":"Deny<Team>AuditorWrites<n>","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::<account>:role/<team>-auditor"},
         "NotAction":["kms:Describe*","kms:Get*","kms:List*"],"Resource":"*"}
        """;

    // NotPrincipal names everyone else, the services included; the actions are what keeps Identity Center clear.
    private const string DenyDeletionExceptBreakGlass = """
        {"Sid":"DenyDeletionExceptBreakGlass<Team><n>","Effect":"Deny",
         "NotPrincipal":{"AWS":["arn:aws:iam::<management>:root","arn:aws:iam::<management>:role/break-glass-<team>"]},
         "Action":["kms:ScheduleKeyDeletion","kms:DisableKey"],"Resource":"*"}
        """;

    // A data perimeter: administrators are in the organization, and services fail the PrincipalIsAWSService test.
    private const string DenyOutsideOrganization = """
        {"Sid":"Deny<Team>OutsideOrganization<n>","Effect":"Deny","Principal":"*",
         "Action":["kms:Decrypt","kms:ReEncrypt*"],"Resource":"*",
         "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"<org>"},
                      "Bool":{"aws:PrincipalIsAWSService":"false"},
                      "StringNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/<team>-partner-*"}}}
        """;
}
