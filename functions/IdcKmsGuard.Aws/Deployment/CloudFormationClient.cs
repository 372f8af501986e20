using System.Xml;
using System.Xml.Linq;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Aws.Deployment;

/// <summary>A stack as `doctor` compares it with what runs: its status, parameters and outputs.</summary>
public sealed record StackDescription(
    string StackName,
    string Status,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Outputs);

/// <summary>
/// CloudFormation DescribeStacks over the query protocol, in place of AWSSDK.CloudFormation (not served by our package
/// source). Swapping in the SDK later means replacing this class.
/// </summary>
public sealed class CloudFormationClient(AwsHttpClient http, string region)
{
    public async Task<StackDescription> DescribeStackAsync(string stackName, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(SerializeDescribeStacks(stackName), QueryErrorReader.Instance, cancellationToken).ConfigureAwait(false);
        return ReadStack(response.Body) ?? throw new InvalidOperationException($"CloudFormation DescribeStacks answered without the stack {stackName}.");
    }

    internal AwsHttpRequest SerializeDescribeStacks(string stackName) => new(
        AwsService.CloudFormation,
        "DescribeStacks",
        region,
        FormEncoder.Encode([new("Action", "DescribeStacks"), new("Version", "2010-05-15"), new("StackName", stackName)]),
        FormEncoder.ContentType,
        [],
        stackName);

    internal static StackDescription? ReadStack(byte[] body)
    {
        using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var stack = XDocument.Load(reader).Descendants().FirstOrDefault(e => e.Name.LocalName == "Stacks")?.Elements().FirstOrDefault();
        if (stack is null)
        {
            return null;
        }

        return new StackDescription(
            Child(stack, "StackName") ?? string.Empty,
            Child(stack, "StackStatus") ?? string.Empty,
            Pairs(stack, "Parameters", "ParameterKey", "ParameterValue"),
            Pairs(stack, "Outputs", "OutputKey", "OutputValue"));
    }

    private static string? Child(XElement element, string name) => element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static Dictionary<string, string> Pairs(XElement stack, string list, string key, string value) =>
        stack.Elements().Where(e => e.Name.LocalName == list).Elements()
            .Select(member => (Key: Child(member, key), Value: Child(member, value) ?? string.Empty))
            .Where(pair => pair.Key is not null)
            .GroupBy(pair => pair.Key!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().Value, StringComparer.Ordinal);
}
