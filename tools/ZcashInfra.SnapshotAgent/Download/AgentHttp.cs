using System.Net;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>The agent's one HttpClient: no overall timeout (a 300 GB download takes an hour; stalls are timed per read instead), no transparent decompression (the digest is over the bytes as published).</summary>
public static class AgentHttp
{
    public static HttpClient Create(TimeSpan connectTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"zcash-snapshot-agent/{typeof(AgentHttp).Assembly.GetName().Version}");
        return client;
    }

    /// <summary>The range source for an archive URL: http(s) or file://.</summary>
    public static IRangeSource SourceFor(Uri url, HttpClient http) => url.Scheme switch
    {
        "http" or "https" => new HttpRangeSource(http, url),
        "file" => new FileRangeSource(url.LocalPath),
        _ => throw new ArgumentException($"unsupported URL scheme '{url.Scheme}' in {url} (use http, https or file)", nameof(url)),
    };
}
