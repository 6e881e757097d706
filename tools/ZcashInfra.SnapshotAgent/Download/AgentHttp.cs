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
}
