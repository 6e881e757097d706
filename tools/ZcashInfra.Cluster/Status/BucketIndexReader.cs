using System.Globalization;
using System.Text.Json.Nodes;

namespace ZcashInfra.Cluster.Status;

/// <summary>
/// The newest snapshot of a <c>snapshots.json</c> index (the Zcash Foundation's format: an array,
/// newest first, the newest with role <c>latest</c>; this project's publisher adds
/// <c>created_at</c>). Its age is <c>created_at</c>, else the index's Last-Modified.
/// </summary>
public sealed class BucketIndexReader(HttpClient http, TimeProvider time)
{
    /// <summary>(height, age) of the newest entry, or a note saying why the index was not read.</summary>
    public async Task<(long? Height, TimeSpan? Age, string? Note)> NewestAsync(Uri? index, CancellationToken cancellationToken)
    {
        if (index is null)
        {
            return (null, null, "the stack has no snapshot bucket");
        }

        if (index.Scheme is not ("http" or "https"))
        {
            return (null, null, $"index {index} not read (the bucket is not public over HTTPS)");
        }

        try
        {
            using var response = await http.GetAsync(index, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, null, $"index {index} answered {(int)response.StatusCode}");
            }

            var entries = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonArray ?? [];
            var newest = entries.OfType<JsonObject>().FirstOrDefault(e => (e["roles"] as JsonArray)?.Any(r => r?.GetValue<string>() == "latest") == true)
                ?? entries.OfType<JsonObject>().MaxBy(e => e["height"]?.GetValue<long>() ?? -1);
            if (newest is null)
            {
                return (null, null, $"index {index} lists no snapshot");
            }

            var created = newest["created_at"]?.GetValue<string>() is { } text
                ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : response.Content.Headers.LastModified;
            return (newest["height"]?.GetValue<long>(), created is { } c ? time.GetUtcNow() - c : null, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return (null, null, $"index {index} not read: {e.Message}");
        }
    }
}
