using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace ZcashInfra.Cluster.Nodes;

/// <summary>
/// A node's tip (<c>getblockchaininfo</c>'s <c>blocks</c>, zebrad <c>zebra-rpc/src/methods.rs</c>;
/// zcashd answers the same field) asked through the API server's pod proxy,
/// <c>POST /api/v1/namespaces/NS/pods/POD:PORT/proxy/</c> (kubernetes/kubernetes
/// <c>pkg/registry/core/pod/rest/subresources.go</c> ProxyREST), so it works from outside the
/// cluster with the caller's kubeconfig and needs <c>pods/proxy</c> create rights.
/// KubernetesClient's generated proxy calls send no body, so the request is built here and
/// signed with the client's own credentials.
/// </summary>
public sealed class NodeTipReader(Kubernetes client)
{
    /// <summary>The tip height, or a reason it could not be read (never throws for an unreachable node).</summary>
    public async Task<(long? Height, string? Problem)> ReadAsync(string ns, string pod, int port, CancellationToken cancellationToken)
    {
        var reading = await ReadInfoAsync(ns, pod, port, cancellationToken).ConfigureAwait(false);
        return (reading.Blocks, reading.Problem);
    }

    /// <summary>
    /// The tip and the node's own estimate of the network's height (<c>estimatedheight</c>, from
    /// its peers and the block time), or a reason they could not be read.
    /// </summary>
    public async Task<TipReading> ReadInfoAsync(string ns, string pod, int port, CancellationToken cancellationToken)
    {
        var path = $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods/{Uri.EscapeDataString(pod)}:{port.ToString(CultureInfo.InvariantCulture)}/proxy/";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(client.BaseUri.ToString().TrimEnd('/') + "/"), path))
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":"zcash-infra","method":"getblockchaininfo","params":[]}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        try
        {
            if (client.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
            }

            using var response = await client.HttpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new(null, null, $"RPC through the pod proxy answered {(int)response.StatusCode}{(text.Length is > 0 and < 200 ? ": " + text.Trim() : string.Empty)}");
            }

            var result = JsonNode.Parse(text)?["result"];
            var blocks = result?["blocks"];
            return blocks is null
                ? new(null, null, "getblockchaininfo answered without result.blocks")
                : new(blocks.GetValue<long>(), result?["estimatedheight"]?.GetValue<long>(), null);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return new(null, null, $"RPC through the pod proxy failed: {e.Message}");
        }
    }
}

/// <summary>What a node said about its chain.</summary>
/// <param name="Blocks">Its tip height.</param>
/// <param name="Estimated">Its estimate of the network's height.</param>
/// <param name="Problem">Why nothing could be read.</param>
public sealed record TipReading(long? Blocks, long? Estimated, string? Problem);
