using System.Net.Http.Headers;

namespace IdcKmsGuard.Aws.Http;

internal interface IAwsErrorReader
{
    AwsError Read(int httpStatus, byte[] body, HttpResponseHeaders headers);
}
