using System.Text;

namespace IdcKmsGuard.Aws.Http;

/// <summary>application/x-www-form-urlencoded as botocore writes it (Python's quote_plus: space as '+').</summary>
internal static class FormEncoder
{
    /// <summary>The query protocol's body type (SNS, CloudFormation).</summary>
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(Escape(name)).Append('=').Append(Escape(value));
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
