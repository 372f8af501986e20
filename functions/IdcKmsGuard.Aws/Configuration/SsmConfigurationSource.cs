using System.Globalization;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Configuration;

/// <summary>The configuration document in an SSM parameter (String, or SecureString when the role may decrypt it).</summary>
public sealed class SsmConfigurationSource(IAmazonSimpleSystemsManagement ssm, string parameterName) : IConfigurationDocumentSource, IConfigurationAuthors
{
    private const string Operation = "GetParameter";

    public string Origin { get; } = $"ssm:{parameterName}";

    /// <returns>Null when the parameter does not exist: the guard then runs on the defaults.</returns>
    /// <exception cref="AwsCallException">Any other failure, network and timeouts included.</exception>
    public async Task<ConfigurationDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await ssm.GetParameterAsync(
                new GetParameterRequest { Name = parameterName, WithDecryption = true },
                cancellationToken).ConfigureAwait(false);
            var parameter = response.Parameter;
            return new ConfigurationDocument(parameter.Value ?? string.Empty, Origin, parameter.Version?.ToString(CultureInfo.InvariantCulture))
            {
                ModifiedAt = parameter.LastModifiedDate is { } modified ? Utc(modified) : null,
            };
        }
        catch (ParameterNotFoundException)
        {
            return null;
        }
        catch (AmazonServiceException e)
        {
            throw new AwsCallException("ssm", Operation, e.ErrorCode ?? e.GetType().Name, e.Message, e.RequestId, (int)e.StatusCode, parameterName, e);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // No answer from SSM (network, timeout): still an AWS failure the guard reports and survives.
            throw new AwsCallException("ssm", Operation, e is OperationCanceledException ? "Timeout" : "NoResponse", e.Message, null, null, parameterName, e);
        }
    }

    private static DateTimeOffset Utc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());

    /// <summary>LastModifiedUser of that version in the parameter's history (read only when a version is announced).</summary>
    public async Task<string?> AuthorOfAsync(ConfigurationDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!long.TryParse(document.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        try
        {
            string? next = null;
            do
            {
                var page = await ssm.GetParameterHistoryAsync(
                    new GetParameterHistoryRequest { Name = parameterName, WithDecryption = false, MaxResults = 50, NextToken = next },
                    cancellationToken).ConfigureAwait(false);
                if (page.Parameters?.FirstOrDefault(p => p.Version == version) is { } found)
                {
                    // "N/A" is what the stand-in says when it does not know.
                    return string.IsNullOrEmpty(found.LastModifiedUser) || found.LastModifiedUser == "N/A" ? null : found.LastModifiedUser;
                }

                next = page.NextToken;
            }
            while (!string.IsNullOrEmpty(next));
            return null;
        }
        catch (AmazonServiceException e)
        {
            throw new AwsCallException(
                "ssm",
                "GetParameterHistory",
                e.ErrorCode ?? e.GetType().Name,
                e.Message,
                e.RequestId,
                (int)e.StatusCode,
                parameterName,
                e);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AwsCallException(
                "ssm",
                "GetParameterHistory",
                e is OperationCanceledException ? "Timeout" : "NoResponse",
                e.Message,
                null,
                null,
                parameterName,
                e);
        }
    }
}
