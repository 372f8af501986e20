namespace IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;

/// <summary>Words a key policy is made of, valid and nearly valid, so random input reaches deep into the grammar.</summary>
internal static class FuzzVocabulary
{
    public static readonly string[] RootElements = ["Version", "Id", "Statement", "version", "Statements", "Sid"];

    public static readonly string[] StatementElements =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition", "effect", "Principals", ""];

    public static readonly string[] Versions = ["2012-10-17", "2008-10-17", "2012-10-18", "", "2012-10-17 "];

    public static readonly string[] Effects = ["Allow", "Deny", "allow", "DENY", "", "Allow "];

    public static readonly string[] PrincipalTypes = ["AWS", "Service", "Federated", "CanonicalUser", "aws", "IAM", ""];

    public static readonly string[] Principals =
    [
        "*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root", "sso.amazonaws.com",
        "identitystore.amazonaws.com", "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Admin_*",
    ];

    public static readonly string[] Actions =
    [
        "*", "kms:*", "kms:Decrypt", "kms:ReEncrypt*", "kms:ReEncryptFrom", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey",
        "kms:Describe?ey", "KMS:decrypt", "execute-api:Invoke",
    ];

    public static readonly string[] Resources = ["*", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:*:*:key/*"];

    /// <summary>Values no Principal, Action or Resource accepts.</summary>
    public static readonly string[] BadPatterns = ["", "kms:", ":Decrypt", "kms", "kms:Put Key", "key/1", "ARN:aws", "**"];

    public static readonly string[] BaseOperators =
    [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
        "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
    ];

    public static readonly string[] BadOperators = ["stringEquals", "StringMatches", "", "NotStringEquals", "Numeric"];

    public static readonly string[] OperatorPrefixes = ["", "", "", "ForAnyValue:", "ForAllValues:", "forAnyValue:", "ForAnyValue:ForAllValues:"];

    public static readonly string[] OperatorSuffixes = ["", "", "IfExists", "ifexists", "IfExistsIfExists"];

    public static readonly string[] ConditionKeys =
    [
        "aws:SourceAccount", "AWS:sourceaccount", "aws:SourceArn", "aws:PrincipalOrgID", "aws:SourceOrgID", "aws:PrincipalIsAWSService",
        "aws:PrincipalArn", "kms:ViaService", "kms:CallerAccount", "kms:EncryptionContextKeys", "kms:EncryptionContext:aws:sso:instance-arn",
        "kms:EncryptionContext:aws:identitystore:identitystore-arn", "aws:SecureTransport",
    ];

    public static readonly string[] ConditionValues =
    [
        "${aws:ResourceAccount}", "${aws:ResourceOrgID}", "111122223333", "o-a1b2c3d4e5", "sso.*.amazonaws.com", "identitystore.*.amazonaws.com",
        "aws:sso:instance-arn", "aws:identitystore:identitystore-arn", "arn:aws:sso:::instance/ssoins-1234567890abcdef", "true", "*", "",
    ];

    /// <summary>Numbers at and beyond the edges of every numeric type a reader might convert to.</summary>
    public static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "30", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "18446744073709551616", "1.7976931348623157e308", "1e309", "-1e309", "4.9e-324", "1e-400", "0.1", "1E+2",
        "123456789012345678901234567890123456789012345678901234567890", "1.0000000000000000000000000000001",
    ];

    /// <summary>Fragments for text-level mutation: JSON punctuation, literals, escapes and broken escapes.</summary>
    public static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\\uD800", "\\uDC00", "\\uD83D\\uDD11", "\\u0000", "\\x41", "null", "true", "false",
        "1e999", "-", "NaN", "Infinity", "//", "/*", "\"Statement\"", "\"Effect\":\"Allow\"", "\"Principal\":\"*\"", "\t", "\r\n", "\u00FF", "\u00A0",
    ];
}
