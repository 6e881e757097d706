using System.Net;
using System.Text.Json;
using ZcashInfra.SnapshotAgent.Errors;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// A token from <c>GOOGLE_OAUTH_ACCESS_TOKEN</c> (for runs outside GCP), else from the metadata
/// server: on GKE with Workload Identity, that is how a pod gets its Google service account's
/// token. A metadata token is reused until shortly before it expires. Tokens are never logged, and
/// no error message quotes the metadata server's answer.
/// </summary>
public sealed class GoogleAccessTokenSource : IAccessTokenSource
{
    public const string EnvironmentVariable = "GOOGLE_OAUTH_ACCESS_TOKEN";
    public const string MetadataFlavorHeader = "Metadata-Flavor";
    public const string MetadataFlavor = "Google";
    public static readonly Uri DefaultMetadataUrl = new("http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token");

    /// <summary>Renew this long before the stated expiry, so no request carries a token that lapses in flight.</summary>
    public static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly Uri _metadataUrl;
    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _cached;

    /// <param name="http">The agent's HTTP client.</param>
    /// <param name="metadataUrl">The token endpoint; default <see cref="DefaultMetadataUrl"/> (tests point it at 127.0.0.1).</param>
    /// <param name="environment">Reads environment variables (tests pass their own).</param>
    /// <param name="time">Clock for the token's expiry.</param>
    public GoogleAccessTokenSource(HttpClient http, Uri? metadataUrl = null, Func<string, string?>? environment = null, TimeProvider? time = null)
    {
        _http = http;
        _metadataUrl = metadataUrl ?? DefaultMetadataUrl;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _time = time ?? TimeProvider.System;
    }

    /// <exception cref="HttpRequestException">The metadata server did not answer, or answered 5xx (worth a retry).</exception>
    /// <exception cref="AgentException">It refused (no Workload Identity binding) or sent no usable token.</exception>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (_cached is { } cached && _time.GetUtcNow() < cached.RenewAt)
        {
            return cached.Token;
        }

        // One fetch at a time: the parts of a parallel upload that find the token due all wait
        // for the same new one instead of asking the metadata server once each.
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _cached is { } fresh && _time.GetUtcNow() < fresh.RenewAt ? fresh.Token : await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _metadataUrl);
        request.Headers.Add(MetadataFlavorHeader, MetadataFlavor);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new HttpRequestException($"metadata server {_metadataUrl} answered HTTP {status}", null, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new AgentException(ExitCodes.Network, $"metadata server {_metadataUrl} refused an access token (HTTP {status}): is the pod's Kubernetes service account bound to a Google service account (Workload Identity)? Outside GCP, set {EnvironmentVariable}");
        }

        var fetchedAt = _time.GetUtcNow();
        var (token, lifetime) = Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        _cached = new CachedToken(token, fetchedAt + lifetime - RenewBeforeExpiry);
        return token;
    }

    private (string Token, TimeSpan Lifetime) Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } value
                && root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt64(out var seconds))
            {
                return (value, TimeSpan.FromSeconds(seconds));
            }
        }
        catch (JsonException)
        {
            // Reported below, without the text (it may hold a token).
        }

        throw new AgentException(ExitCodes.Network, $"metadata server {_metadataUrl} sent no usable access token (expected JSON with access_token and expires_in)");
    }

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);
}
