using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Requirements;
using IdcKmsGuard.Core.Tests.Configuration;

namespace IdcKmsGuard.Core.Tests.Policy.Findings;

/// <summary>The configuration's extraRequirements, judged by the engine beside Identity Center's own requests.</summary>
public sealed class ExtraRequirementTests
{
    private static readonly string Baseline = ReferencePolicies.Text("key-policy-baseline-2026.json");

    [Fact]
    public void Check_WhenThePublishedExampleRequirementsMeetThe2026Baseline_ShouldAllowEachOne()
    {
        var extras = ConfigurationParser.Parse(File.ReadAllText(Documents.ExamplePath)).ExtraRequirements;

        var report = PolicyChecker.Check(KeyPolicyParser.Parse(Baseline), WithExtras(extras));

        var judged = report.Requests.Where(r => r.Required.Kind == RequirementKind.Extra).ToList();
        Assert.Equal(extras.Count, judged.Count);
        Assert.All(judged, r => Assert.True(r.Decision.IsAllowed, $"{r.Required.Purpose}: {r.Decision.Decision}"));
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Check_WhenARequirementIsNotAllowed_ShouldReportExtraAccessAsHighNamingIt()
    {
        // The baseline lets managed applications decrypt only through sso and identitystore, not directly.
        var extra = Requirement("Q Business decrypts directly", "qbusiness.amazonaws.com", "kms:Decrypt", []);

        var report = PolicyChecker.Check(KeyPolicyParser.Parse(Baseline), WithExtras([extra]));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(PolicyFindingIds.ExtraAccess, finding.Id);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("Q Business decrypts directly", finding.Message, StringComparison.Ordinal);
        Assert.True(report.IsHealthy, "An extra requirement is the organization's own: Identity Center itself still works.");
    }

    [Fact]
    public void Check_WhenTheRoleIsOutsideTheOrganization_ShouldRefuseItThroughTheOrgCondition()
    {
        var outsider = Requirement("partner role", "arn:aws:iam::999988887777:role/Partner", "kms:Decrypt", new() { ["kms:ViaService"] = [$"sso.{ReferencePolicies.Region}.amazonaws.com"] });
        var facts = WithExtras([outsider]);

        var request = Assert.Single(RequiredRequestCatalog.For(facts), r => r.Kind == RequirementKind.Extra);

        Assert.Equal("999988887777", ((IamPrincipal)request.Request.Principal).Account);
        Assert.Contains(PolicyChecker.Check(KeyPolicyParser.Parse(Baseline), facts).Findings, f => f.Id == PolicyFindingIds.ExtraAccess);
    }

    [Fact]
    public void For_WhenAServicePrincipalIsRequired_ShouldCarryTheSourceOrganizationAndAccount()
    {
        var extra = Requirement("Q Business", "qbusiness.amazonaws.com", "kms:Decrypt", new() { ["kms:ViaService"] = [$"sso.{ReferencePolicies.Region}.amazonaws.com"] });

        var request = Assert.Single(RequiredRequestCatalog.For(WithExtras([extra])), r => r.Kind == RequirementKind.Extra);

        Assert.Equal("kms:Decrypt (Q Business)", request.Purpose);
        Assert.IsType<ServicePrincipal>(request.Request.Principal);
        Assert.Equal([ReferencePolicies.OrgId], request.Request.Context.Get("aws:SourceOrgID")!);
        Assert.Equal([ReferencePolicies.Account], request.Request.Context.Get("aws:SourceAccount")!);
        Assert.Equal([$"sso.{ReferencePolicies.Region}.amazonaws.com"], request.Request.Context.Get("kms:ViaService")!);
    }

    [Fact]
    public void Check_WhenNoRequirementIsConfigured_ShouldJudgeOnlyIdentityCentersRequests()
    {
        var report = PolicyChecker.Check(KeyPolicyParser.Parse(Baseline), ReferencePolicies.Facts);

        Assert.DoesNotContain(report.Requests, r => r.Required.Kind == RequirementKind.Extra);
    }

    private static IdentityCenterFacts WithExtras(IEnumerable<ExtraRequirement> extras) =>
        ReferencePolicies.Facts with { Extra = [.. extras.Select(e => new ExtraRequest(e.Name, e.Principal, e.Action, e.Context))] };

    private static ExtraRequirement Requirement(string name, string principal, string action, Dictionary<string, IReadOnlyList<string>> context) =>
        new(name, principal, action, context);
}
