namespace IdcKmsGuard.Benchmarks.Policies;

internal static partial class ExtraStatements
{
    private const string AppRoleWithContext = """
        {"Sid":"Allow<Team>AppRoleWithContext<n>","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<account>:role/<team>-app-<n>"},
         "Action":["kms:Encrypt","kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*",
         "Condition":{"StringEquals":{"kms:CallerAccount":"<account>","kms:EncryptionContext:service":"<team>"}}}
        """;

    private const string ViaS3AndSecretsManager = """
        {"Sid":"Allow<Team>ViaS3AndSecretsManager<n>","Effect":"Allow",
         "Principal":{"AWS":["arn:aws:iam::<account>:role/<team>-worker-<n>","arn:aws:iam::<account>:role/<team>-batch-<n>"]},
         "Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"*",
         "Condition":{"StringLike":{"kms:ViaService":["s3.us-east-1.amazonaws.com","secretsmanager.*.amazonaws.com"]},"StringEquals":{"kms:CallerAccount":"<account>"}}}
        """;

    // A grant to the account root narrowed to some roles: it matches every administrator request up to the condition.
    private const string TeamRolesByArn = """
        {"Sid":"Allow<Team>TeamRolesByArn<n>","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<account>:root"},
         "Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*",
         "Condition":{"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::<account>:role/<team>/*","arn:aws:iam::<account>:role/<team>-readers-*"]}}}
        """;

    private const string DataKeysForS3Objects = """
        {"Sid":"Allow<Team>DataKeysForS3Objects<n>","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<account>:role/<team>-uploader"},
         "Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"*",
         "Condition":{"ForAnyValue:StringLike":{"kms:EncryptionContextKeys":["aws:s3:arn","<team>:*"]},
                      "StringLike":{"kms:EncryptionContext:aws:s3:arn":"arn:aws:s3:::<team>-data-<n>/*"}}}
        """;

    private const string OperatorsFromCorporateNetwork = """
        {"Sid":"Allow<Team>OperatorsFromCorporateNetwork<n>","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<account>:role/<team>-operator"},
         "Action":["kms:Decrypt","kms:Encrypt","kms:ReEncrypt*"],"Resource":"*",
         "Condition":{"IpAddress":{"aws:SourceIp":["10.<octet>.0.0/16","192.0.2.0/24","2001:db8::/32"]},
                      "Bool":{"aws:SecureTransport":"true","aws:MultiFactorAuthPresent":"true"}}}
        """;

    private const string TenantScopedDecrypt = """
        {"Sid":"Allow<Team>TenantScopedDecrypt<n>","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<delegated>:role/<team>-tenant-reader"},
         "Action":"kms:Decrypt","Resource":"*",
         "Condition":{"Null":{"kms:EncryptionContext:tenant":"false"},
                      "ForAllValues:StringEquals":{"kms:EncryptionContextKeys":["tenant","<team>-record-id"]},
                      "StringEquals":{"aws:PrincipalOrgID":"<org>"}}}
        """;

    private const string KeyOperatorAllButCrypto = """
        {"Sid":"Allow<Team>KeyOperatorAllButCrypto<n>","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<account>:role/<team>-key-operator"},
         "NotAction":["kms:Decrypt","kms:Encrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:ScheduleKeyDeletion"],"Resource":"*",
         "Condition":{"StringEquals":{"aws:RequestedRegion":"<region>"}}}
        """;

    private const string GrantsForAwsResources = """
        {"Sid":"Allow<Team>GrantsForAwsResources<n>","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<account>:role/<team>-platform"},
         "Action":["kms:CreateGrant","kms:ListGrants","kms:RevokeGrant"],"Resource":"*",
         "Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"},"StringLike":{"kms:ViaService":["rds.us-east-1.amazonaws.com","ec2.us-east-1.amazonaws.com"]}}}
        """;

    private const string CloudTrailLogs = """
        {"Sid":"AllowCloudTrail<Team>Trail<n>","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
         "Action":"kms:GenerateDataKey*","Resource":"*",
         "Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:<management>:trail/<team>-trail"},
                      "StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:<management>:trail/*"}}}
        """;

    private const string CloudWatchLogs = """
        {"Sid":"AllowCloudWatchLogs<Team><n>","Effect":"Allow","Principal":{"Service":"logs.us-east-1.amazonaws.com"},
         "Action":["kms:Encrypt*","kms:Decrypt*","kms:ReEncrypt*","kms:GenerateDataKey*","kms:Describe*"],"Resource":"*",
         "Condition":{"ArnEquals":{"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:us-east-1:<management>:log-group:/<team>/application"}}}
        """;

    private const string MigrationUntil2027 = """
        {"Sid":"Allow<Team>MigrationUntil2027<n>","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<delegated>:role/<team>-migration"},
         "Action":["kms:Decrypt","kms:ReEncryptFrom"],"Resource":"*",
         "Condition":{"DateLessThan":{"aws:CurrentTime":"2027-06-30T00:00:00Z"},"NumericLessThanEquals":{"aws:MultiFactorAuthAge":"3600"}}}
        """;
}
