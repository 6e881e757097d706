using System.Text.Json;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// A token from <c>GOOGLE_OAUTH_ACCESS_TOKEN</c> (for runs outside GCP), else from the metadata
/// server (GKE Workload Identity or the node's service account). The token is never logged.
/// </summary>
public sealed class GoogleAccessTokenSource : IAccessTokenSource
{
    public const string EnvironmentVariable = "GOOGLE_OAUTH_ACCESS_TOKEN";
    private static readonly Uri MetadataToken = new("http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token");
    private readonly HttpClient _http;
    private string? _token;
    private DateTimeOffset _expires;

    public GoogleAccessTokenSource(HttpClient http)
    {
        _http = http;
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (_token is not null && DateTimeOffset.UtcNow < _expires)
        {
            return _token;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, MetadataToken);
        request.Headers.Add("Metadata-Flavor", "Google");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        _token = json.RootElement.GetProperty("access_token").GetString() ?? throw new InvalidOperationException("metadata server returned no access_token");
        _expires = DateTimeOffset.UtcNow.AddSeconds(json.RootElement.GetProperty("expires_in").GetInt32() - 60);
        return _token;
    }
}
