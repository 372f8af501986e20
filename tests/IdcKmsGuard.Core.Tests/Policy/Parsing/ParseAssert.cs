using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

/// <summary>Builds small policies around one statement and checks where the parser says they are wrong.</summary>
internal static class ParseAssert
{
    public const string Admin = """{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*" }""";

    public static string Policy(params string[] statements) =>
        $$"""{ "Version": "2012-10-17", "Statement": [ {{string.Join(", ", statements)}} ] }""";

    /// <summary>The admin statement with more elements: WithAdmin(""" "Sid": "x" """).</summary>
    public static string WithAdmin(string elements) =>
        $$"""{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*", {{elements}} }""";

    public static PolicyStatement Single(string statement) => Assert.Single(KeyPolicyParser.Parse(Policy(statement)).Statements);

    public static PolicyParseException Fails(string json, string location)
    {
        var error = Assert.Throws<PolicyParseException>(() => KeyPolicyParser.Parse(json));
        Assert.Equal(location, error.Location);
        Assert.Equal($"{error.Location}: {error.Problem}", error.Message);
        return error;
    }

    public static PolicyParseException Fails(string json, string location, string problemPart)
    {
        var error = Fails(json, location);
        Assert.Contains(problemPart, error.Problem, StringComparison.Ordinal);
        return error;
    }
}
