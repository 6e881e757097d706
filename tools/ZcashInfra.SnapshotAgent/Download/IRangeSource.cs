namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// Something an archive can be read from starting at any byte offset: what makes a download
/// resumable after a reset or an HTTP 500 without starting over (or hashing a byte twice).
/// </summary>
public interface IRangeSource
{
    /// <summary>How the source is named in log lines and errors (a URL or a path; never credentials).</summary>
    string Name { get; }

    /// <summary>Opens the content from <paramref name="offset"/> on.</summary>
    /// <exception cref="TransientSourceException">A failure worth retrying (5xx, reset, refused connection).</exception>
    Task<RangeResponse> OpenAsync(long offset, CancellationToken cancellationToken);
}
