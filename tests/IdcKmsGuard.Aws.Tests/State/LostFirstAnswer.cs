using System.Net;
using System.Text;
using Amazon.Runtime;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>
/// Lets the first request whose target matches reach DynamoDB, then answers it with a 500 as if the response had
/// been lost, so that the SDK retries a write that already happened.
/// </summary>
internal sealed class LostFirstAnswer(string target) : HttpClientFactory
{
    private int lost;

    public int Lost => Volatile.Read(ref lost);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(this));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    private sealed class Handler(LostFirstAnswer owner) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var matches = request.Headers.TryGetValues("X-Amz-Target", out var targets) && targets.Contains(owner.Target());
            if (!matches || Interlocked.CompareExchange(ref owner.lost, 1, 0) != 0)
            {
                return response;
            }

            response.Dispose();
            return new HttpResponseMessage(HttpStatusCode.InternalServerError)
            {
                Content = new StringContent("""{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"answer lost"}""", Encoding.UTF8, "application/x-amz-json-1.0"),
            };
        }
    }

    private string Target() => "DynamoDB_20120810." + target;
}
