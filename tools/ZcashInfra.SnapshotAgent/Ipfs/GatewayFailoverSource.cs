using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Ipfs;

/// <summary>
/// An ipfs:// archive read through several gateways, each through the ordinary
/// <see cref="HttpRangeSource"/> (ranged resume, validators). The first open goes to the first
/// gateway; the resumable reader reopens only after a failure (5xx, reset, premature end, stall),
/// so every reopen moves to the next gateway, in order and round the list, resuming at the same
/// byte. A gateway that answers finally (404, 410, a length that differs from the first
/// gateway's, a refused range) is dropped. Splicing bytes from two gateways is sound only because
/// the whole stream's SHA-256 is compared with the pinned digest afterwards: a lying gateway makes
/// the pass fail, it never makes it succeed. Which gateway served which bytes is logged.
/// </summary>
public sealed class GatewayFailoverSource : IRangeSource
{
    private readonly Uri _url;
    private readonly List<(Uri Gateway, HttpRangeSource Source)> _live;
    private readonly AgentLog _log;
    private readonly List<string> _dropped = [];
    private int _current;
    private long? _opened;
    private long? _length;

    public GatewayFailoverSource(HttpClient http, IpfsGateways gateways, Uri url)
    {
        _url = url;
        _log = gateways.Log;
        _live = [.. gateways.For(url).Select(g => (g.Gateway, new HttpRangeSource(http, g.Url)))];
    }

    public string Name => _url.ToString();

    /// <summary>Each gateway that served bytes, with the first byte it served, in order.</summary>
    public List<(Uri Gateway, long From)> Served { get; } = [];

    public async Task<RangeResponse> OpenAsync(long offset, CancellationToken cancellationToken)
    {
        if (_opened is { } previous)
        {
            // Any reopen follows a failed attempt: the next gateway takes over at the same byte.
            var failed = _live[_current].Gateway;
            _current = (_current + 1) % _live.Count;
            _log.Warn($"{_url}: gateway {failed} failed after serving up to byte {offset} (it started at byte {previous}); trying gateway {_live[_current].Gateway} from byte {offset}");
        }

        while (true)
        {
            var (gateway, source) = _live[_current];
            _opened = offset;
            RangeResponse response;
            try
            {
                response = await source.OpenAsync(offset, cancellationToken).ConfigureAwait(false);
            }
            catch (AgentException e) when (e.ExitCode == ExitCodes.Network)
            {
                Drop(gateway, e.Message);
                continue;
            }

            if (_length is { } expected && response.TotalLength is { } length && length != expected)
            {
                await response.Body.DisposeAsync().ConfigureAwait(false);
                Drop(gateway, $"it serves {length} bytes, the download started with {expected}");
                continue;
            }

            _length ??= response.TotalLength;
            Served.Add((gateway, offset));
            _log.Info($"{_url}: gateway {gateway} serves from byte {offset}");
            return response;
        }
    }

    private void Drop(Uri gateway, string reason)
    {
        _log.Warn($"{_url}: dropping gateway {gateway}: {reason}");
        _dropped.Add($"{gateway}: {reason}");
        _live.RemoveAt(_current);
        if (_live.Count == 0)
        {
            throw new AgentException(ExitCodes.Network, $"no gateway can serve {_url}: {string.Join("; ", _dropped)}");
        }

        _current %= _live.Count;
    }
}
