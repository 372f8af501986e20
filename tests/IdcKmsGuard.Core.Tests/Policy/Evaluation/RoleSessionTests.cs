using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Evaluation;

/// <summary>
/// An administrator calls as a session of a role: a Principal naming the role names its sessions, aws:PrincipalArn is
/// the role, and a Deny with NotPrincipal spares the session only when it names the role and the role's account.
/// </summary>
public sealed class RoleSessionTests
{
    private const string Role = "arn:aws:iam::111122223333:role/admins/KeyAdmin";
    private const string Session = "arn:aws:sts::111122223333:assumed-role/KeyAdmin/alice@example.com";
    private const string Key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static readonly IamPrincipal Alice = new IamPrincipal(Role, "111122223333", "o-a1b2c3d4e5") with { SessionName = "alice@example.com" };

    [Fact]
    public void Session_ShouldBeNamedWithoutTheRolePath()
    {
        Assert.Equal(Session, Alice.SessionArn);
        Assert.Equal(Session, Alice.Display);
    }

    [Theory]
    [InlineData(Role, Decision.Allowed)]
    [InlineData(Session, Decision.Allowed)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/KeyAdmin/bob@example.com", Decision.ImplicitDeny)]
    [InlineData("arn:aws:iam::111122223333:root", Decision.AllowedIfIamAllows)]
    public void Evaluate_WhenAnAllowNamesTheRoleOrASession_ShouldDecideForTheSession(string principal, Decision expected)
    {
        var decision = Evaluate($$"""{"Effect":"Allow","Principal":{"AWS":"{{principal}}"},"Action":"kms:Decrypt","Resource":"*"}""");

        Assert.Equal(expected, decision.Decision);
    }

    [Fact]
    public void Evaluate_WhenAConditionAsksForThePrincipalArn_ShouldSeeTheRole()
    {
        var decision = Evaluate($$$"""
            {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":"{{{Role}}}"} }}
            """);

        Assert.Equal(Decision.Allowed, decision.Decision);
        Assert.Equal([Role], decision.Request.Context.Get("aws:PrincipalArn"));
    }

    [Theory]
    [InlineData($"\"{Role}\",\"arn:aws:iam::111122223333:root\"", Decision.Allowed)]
    [InlineData($"\"{Role}\",\"111122223333\"", Decision.Allowed)]
    [InlineData($"\"{Session}\",\"{Role}\",\"arn:aws:iam::111122223333:root\"", Decision.Allowed)]
    [InlineData($"\"{Role}\"", Decision.ExplicitDeny)]
    [InlineData($"\"{Session}\",\"arn:aws:iam::111122223333:root\"", Decision.ExplicitDeny)]
    [InlineData("\"arn:aws:iam::111122223333:root\"", Decision.ExplicitDeny)]
    public void Evaluate_WhenADenyWithNotPrincipalListsTheRole_ShouldSpareTheSessionOnlyWithTheAccount(string notPrincipal, Decision expected)
    {
        var decision = Evaluate(
            """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/admins/KeyAdmin"},"Action":"kms:Decrypt","Resource":"*"}""",
            $$"""{"Effect":"Deny","NotPrincipal":{"AWS":[{{notPrincipal}}]},"Action":"kms:Decrypt","Resource":"*"}""");

        Assert.Equal(expected, decision.Decision);
    }

    private static PolicyDecision Evaluate(params string[] statements)
    {
        var policy = KeyPolicyParser.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""");
        return PolicyEvaluator.Evaluate(policy, new PolicyRequest(Alice, "kms:Decrypt", Key, RequestContext.Empty));
    }
}
