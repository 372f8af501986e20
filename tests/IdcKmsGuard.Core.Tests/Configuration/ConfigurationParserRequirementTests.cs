using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationParserRequirementTests
{
    private static readonly string[] RequiredMembers = ["\"name\": \"n\"", "\"principal\": \"qbusiness.amazonaws.com\"", "\"action\": \"kms:Decrypt\""];

    [Fact]
    public void Parse_WhenExtraRequirementsAreGiven_ShouldCarryThemWithSingleValuesAsLists()
    {
        var configuration = ConfigurationParser.Parse(Documents.Requirement("""
            { "name": "workflow", "principal": "arn:aws:iam::111122223333:role/Workflow", "action": "kms:Decrypt",
              "context": { "kms:ViaService": "sso.us-east-1.amazonaws.com", "kms:EncryptionContextKeys": ["aws:sso:instance-arn", "x"] } },
            { "name": "q business", "principal": "qbusiness.amazonaws.com", "action": "kms:GenerateDataKey" }
            """));

        var (workflow, q) = (configuration.ExtraRequirements[0], configuration.ExtraRequirements[1]);
        Assert.Equal(("workflow", "arn:aws:iam::111122223333:role/Workflow", "kms:Decrypt"), (workflow.Name, workflow.Principal, workflow.Action));
        Assert.Equal(["sso.us-east-1.amazonaws.com"], workflow.Context["kms:ViaService"]);
        Assert.Equal(["aws:sso:instance-arn", "x"], workflow.Context["kms:EncryptionContextKeys"]);
        Assert.Equal(["sso.us-east-1.amazonaws.com"], workflow.Context["KMS:VIASERVICE"]);
        Assert.Equal(("q business", "qbusiness.amazonaws.com", "kms:GenerateDataKey", 0), (q.Name, q.Principal, q.Action, q.Context.Count));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("principal")]
    [InlineData("action")]
    public void Parse_WhenARequiredMemberIsMissing_ShouldNameIt(string member)
    {
        var members = RequiredMembers.Where(m => !m.StartsWith($"\"{member}\"", StringComparison.Ordinal));

        var refusal = Documents.Refusal(Documents.Requirement("{ " + string.Join(", ", members) + " }"));

        Assert.Equal(($"extraRequirements[0].{member}", "is required"), (refusal.Location, refusal.Problem));
    }

    [Theory]
    [InlineData("\"kms:*\"")]
    [InlineData("\"kms:Decrypt*\"")]
    [InlineData("\"Decrypt\"")]
    [InlineData("\"kms:decrypt\"")]
    [InlineData("\"sso:UpdateInstance\"")]
    [InlineData("\"kms:Decrypt kms:Encrypt\"")]
    public void Parse_WhenActionIsNotOneKmsAction_ShouldRefuseIt(string action)
    {
        var refusal = Documents.Refusal(Documents.RequirementWith("action", action));

        Assert.Equal("extraRequirements[0].action", refusal.Location);
        Assert.EndsWith("is not one KMS action such as kms:Decrypt", refusal.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"arn:aws:iam::111122223333:role/*\"")]
    [InlineData("\"arn:aws:iam::111122223333:role/Workflow*\"")]
    [InlineData("\"*\"")]
    [InlineData("\"111122223333\"")]
    [InlineData("\"arn:aws:sts::111122223333:assumed-role/Workflow/s\"")]
    [InlineData("\"sso\"")]
    public void Parse_WhenPrincipalIsNotAConcretePrincipal_ShouldRefuseIt(string principal)
    {
        Assert.Equal("extraRequirements[0].principal", Documents.Refusal(Documents.RequirementWith("principal", principal)).Location);
    }

    [Theory]
    [InlineData("{ \"kms:ViaService\": 1 }", "extraRequirements[0].context.kms:ViaService", "must be a string or an array of strings")]
    [InlineData("{ \"kms:ViaService\": true }", "extraRequirements[0].context.kms:ViaService", "must be a string or an array of strings")]
    [InlineData("{ \"kms:ViaService\": { \"a\": \"b\" } }", "extraRequirements[0].context.kms:ViaService", "must be a string or an array of strings")]
    [InlineData("{ \"kms:ViaService\": [\"a\", 2] }", "extraRequirements[0].context.kms:ViaService[1]", "must be a string or an array of strings")]
    [InlineData("{ \"kms:ViaService\": [] }", "extraRequirements[0].context.kms:ViaService", "must hold at least one value; leave the key out for a request without it")]
    [InlineData("{ \"kms:ViaService\": null }", "extraRequirements[0].context.kms:ViaService", "must not be null; leave the element out to use the default")]
    [InlineData("{ \"ViaService\": \"sso\" }", "extraRequirements[0].context.ViaService", "is not a condition key such as kms:ViaService or aws:SourceAccount")]
    [InlineData("{ \"kms:ViaService\": \"a\", \"KMS:VIASERVICE\": \"b\" }", "extraRequirements[0].context.KMS:VIASERVICE", "repeats a key in another case; condition keys are case-insensitive")]
    [InlineData("[\"kms:ViaService\"]", "extraRequirements[0].context", "must be an object, not an array")]
    public void Parse_WhenContextIsMalformed_ShouldRefuseTheExactValue(string context, string location, string problem)
    {
        var refusal = Documents.Refusal(Documents.RequirementWith("context", context));

        Assert.Equal((location, problem), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenContextHasTooManyKeysOrValues_ShouldRefuseIt()
    {
        var keys = "{ " + string.Join(", ", Enumerable.Range(0, 11).Select(i => $"\"aws:Key{i}\": \"v\"")) + " }";
        var values = "{ \"aws:Key\": [" + string.Join(", ", Enumerable.Range(0, 11).Select(i => $"\"v{i}\"")) + "] }";

        var tooManyKeys = Documents.Refusal(Documents.RequirementWith("context", keys));
        var tooManyValues = Documents.Refusal(Documents.RequirementWith("context", values));

        Assert.Equal(("extraRequirements[0].context", "has 11 keys; the limit is 10"), (tooManyKeys.Location, tooManyKeys.Problem));
        Assert.Equal(("extraRequirements[0].context.aws:Key", "has 11 entries; the limit is 10"), (tooManyValues.Location, tooManyValues.Problem));
    }

    [Fact]
    public void Parse_WhenTwoRequirementsShareAName_ShouldRefuseTheSecondIgnoringCase()
    {
        var refusal = Documents.Refusal(Documents.Requirement("""
            { "name": "Workflow", "principal": "qbusiness.amazonaws.com", "action": "kms:Decrypt" },
            { "name": "other", "principal": "qbusiness.amazonaws.com", "action": "kms:Decrypt" },
            { "name": "workflow", "principal": "qbusiness.amazonaws.com", "action": "kms:Encrypt" }
            """));

        Assert.Equal(("extraRequirements[2].name", "'workflow' names another requirement too; names must be unique"), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenRequirementHasAnUnknownElement_ShouldListTheKnownOnes()
    {
        var refusal = Documents.Refusal(Documents.RequirementWith("resource", "\"*\""));

        Assert.Equal(("extraRequirements[0].resource", "unknown element; expected one of: name, principal, action, context"), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenTooManyRequirements_ShouldRefuseTheList()
    {
        var many = string.Join(", ", Enumerable.Range(0, 21).Select(i => $$"""{ "name": "r{{i}}", "principal": "qbusiness.amazonaws.com", "action": "kms:Decrypt" }"""));

        var refusal = Documents.Refusal(Documents.Requirement(many));

        Assert.Equal(("extraRequirements", "has 21 entries; the limit is 20"), (refusal.Location, refusal.Problem));
    }
}
