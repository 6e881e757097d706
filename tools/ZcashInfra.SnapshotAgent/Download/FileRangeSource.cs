namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>A local archive (verify --file, restore from file:// or a mounted volume).</summary>
public sealed class FileRangeSource : IRangeSource
{
    private readonly string _path;

    public FileRangeSource(string path)
    {
        _path = path;
    }

    public string Name => _path;

    public Task<RangeResponse> OpenAsync(long offset, CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            // Missing is final, as a 404 is: retrying would only wait.
            throw new Errors.AgentException(Errors.ExitCodes.Network, $"{_path} not found (no such file)");
        }

        var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        stream.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult(new RangeResponse(stream, stream.Length));
    }
}
