using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Evaluation;

public enum Decision
{
    /// <summary>A statement allows the principal itself (a service, a named role, or everyone).</summary>
    Allowed,

    /// <summary>Only an Allow to the account (root ARN or account id) applies: the account's IAM policies decide.</summary>
    AllowedIfIamAllows,

    /// <summary>An applicable Deny: nothing else can allow it.</summary>
    ExplicitDeny,

    /// <summary>No statement allows it.</summary>
    ImplicitDeny,
}

/// <summary>Why one statement did or did not apply to a request.</summary>
public sealed record StatementVerdict(PolicyStatement Statement, bool Applies, string Reason);

/// <param name="DecidedBy">The statements that produced the decision: the applicable Denies, or the applicable Allows.</param>
/// <param name="Verdicts">Every statement, in order, with the reason it did or did not apply.</param>
public sealed record PolicyDecision(
    PolicyRequest Request,
    Decision Decision,
    IReadOnlyList<PolicyStatement> DecidedBy,
    IReadOnlyList<StatementVerdict> Verdicts)
{
    public bool IsAllowed => Decision is Decision.Allowed or Decision.AllowedIfIamAllows;
}
