using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// An archive in a bucket (<c>s3://</c>, <c>gs://</c>), read through the store's own client with
/// the pod's credentials. Resumes are ranged reads pinned to the version the first read saw
/// (S3 ETag, GCS generation), so a replaced object fails clearly instead of being spliced.
/// </summary>
public sealed class StoreRangeSource : IRangeSource
{
    private readonly StoreObject _object;
    private string? _version;

    public StoreRangeSource(StoreObject target)
    {
        _object = target;
    }

    public string Name => _object.Describe();

    public async Task<RangeResponse> OpenAsync(long offset, CancellationToken cancellationToken)
    {
        var read = await _object.Store.OpenReadAsync(_object.Key, offset, _version, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentException(ExitCodes.Network, $"{Name} not found (no such object)");
        if (offset == 0)
        {
            _version = read.Version;
        }
        else if (_version is not null && !string.Equals(read.Version, _version, StringComparison.Ordinal))
        {
            // The store enforces the pin (If-Match / generation match); this catches one that does not.
            await read.Body.DisposeAsync().ConfigureAwait(false);
            throw new AgentException(ExitCodes.Network, $"{Name} changed during the download: resuming at byte {offset}, the store answered for version {read.Version ?? "(none)"}, the download started with {_version}; nothing was spliced, run again to fetch the new object");
        }

        return new RangeResponse(read.Body, read.TotalLength);
    }
}
