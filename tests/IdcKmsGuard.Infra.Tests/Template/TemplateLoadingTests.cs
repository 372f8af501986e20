using IdcKmsGuard.Infra.Tests.Support.Templates;
using YamlDotNet.RepresentationModel;

namespace IdcKmsGuard.Infra.Tests.Template;

public sealed class TemplateLoadingTests
{
    [Fact]
    public void Load_WhenTemplateUsesShortFormIntrinsics_ShouldKeepThemAsTaggedPlainNodes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"idckmsguard-intrinsics-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            Conditions:
              On: !Not [!Equals [!Ref Mode, "off"]]
            Resources:
              Thing:
                Type: AWS::SNS::Topic
                Properties:
                  A: !Ref Other
                  B: !GetAtt Other.Arn
                  C: !Sub arn:${AWS::Partition}:sns
                  D: !If [On, {Key: value}, !Ref AWS::NoValue]
            """);
        try
        {
            var template = CloudFormationTemplate.Load(path);
            var properties = template.Properties("Thing");

            Assert.Equal(("!Ref", "Other"), (properties.Find("A")!.Intrinsic(), ((YamlScalarNode)properties.Find("A")!).Value));
            Assert.True(properties.Find("B")!.Refers("Other"));
            Assert.Equal("!Sub", properties.Find("C")!.Intrinsic());
            var branches = Assert.IsType<YamlSequenceNode>(properties.Find("D"));
            Assert.Equal("!If", branches.Intrinsic());
            Assert.Equal("value", ((YamlMappingNode)branches[1]).Scalar("Key"));
            Assert.Equal("!Not", template.Root.Map("Conditions").Find("On")!.Intrinsic());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PatternJson_WhenPatternIsLiteral_ShouldKeepStringsNumbersAndBooleans()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("""
            source: [aws.kms]
            detail:
              errorCode: [{exists: false}]
              size: [{numeric: [">", 0]}]
              version: ["0"]
            """));

        var json = YamlJson.ToJson(stream.Documents[0].RootNode);

        Assert.Equal("""{"source":["aws.kms"],"detail":{"errorCode":[{"exists":false}],"size":[{"numeric":[">",0]}],"version":["0"]}}""", json);
    }

    // Events of another account (put on this bus by a permissive bus policy, or forwarded) are never taken as ours.
    [Fact]
    public void GuardPatterns_ShouldBeLiteralJsonPinnedToTheAccount()
    {
        Assert.All(EventRule.OfGuard(), rule =>
        {
            using var pattern = System.Text.Json.JsonDocument.Parse(rule.PatternJson("111122223333"));
            Assert.Equal("[\"111122223333\"]", pattern.RootElement.GetProperty("account").GetRawText());
        });
    }
}
