using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Cut;

/// <summary>
/// Reads a running node's best-chain height with the JSON-RPC call zebrad and zcashd share,
/// <c>getblockchaininfo</c> (its <c>blocks</c> field). Only the tip is read from a serving node;
/// nothing is ever cut from it.
/// </summary>
public sealed class NodeTip
{
    private const string Request = """{"jsonrpc":"1.0","id":"zcash-snapshot-agent","method":"getblockchaininfo","params":[]}""";

    private readonly HttpClient _http;
    private readonly RetryPolicy _retry;
    private readonly AgentLog _log;

    public NodeTip(HttpClient http, RetryPolicy retry, AgentLog log)
    {
        _http = http;
        _retry = retry;
        _log = log;
    }

    /// <summary>The node's tip height; connection failures, timeouts and HTTP 5xx are retried.</summary>
    /// <exception cref="NodeUnreachableException">No attempt got any HTTP answer (refused, unresolved, timed out).</exception>
    /// <exception cref="AgentException">An HTTP answer that is not a <c>getblockchaininfo</c> tip, or HTTP 5xx after the retries (<see cref="ExitCodes.Network"/>).</exception>
    public async Task<long> ReadAsync(Uri rpc, CancellationToken cancellationToken)
    {
        var answered = false;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_retry.StallTimeout);
                using var content = new StringContent(Request, Encoding.UTF8);

                // zebrad's RPC server refuses anything but application/json; zcashd accepts it too.
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync(rpc, content, timeout.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                answered = true;
                var status = (int)response.StatusCode;
                if (status >= 500 && Blocks(body) is null)
                {
                    failure = $"HTTP {status}";
                }
                else
                {
                    return Blocks(body) ?? throw new AgentException(ExitCodes.Network,
                        $"{rpc} did not answer getblockchaininfo with a block height (HTTP {status}): {Shorten(body)}");
                }
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {_retry.StallTimeout.TotalSeconds:0.##} s";
            }

            if (attempt >= _retry.MaxAttempts)
            {
                if (!answered)
                {
                    throw new NodeUnreachableException($"reading the tip from {rpc} failed after {attempt} attempts without any answer: {failure}");
                }

                throw new AgentException(ExitCodes.Network, $"reading the tip from {rpc} failed after {attempt} attempts: {failure}");
            }

            var wait = _retry.BackoffFor(attempt);
            _log.Warn($"{rpc}: {failure}; retrying in {wait.TotalSeconds:0.##} s");
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static long? Blocks(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["result"]?["blocks"] is JsonValue blocks && blocks.TryGetValue<long>(out var height) && height >= 0 ? height : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
