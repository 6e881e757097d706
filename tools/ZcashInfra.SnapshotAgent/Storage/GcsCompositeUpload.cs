using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.IO;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Restore;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// A GCS parallel composite upload (cloud.google.com/storage/docs/parallel-composite-uploads):
/// the file goes up as parts, <see cref="UploadTuning.Connections"/> at once, each a single-request
/// upload to its own temporary object whose generation is recorded; the parts are then composed
/// (cloud.google.com/storage/docs/json_api/v1/objects/compose: at most 32 sources per call, so
/// more parts are composed in rounds into intermediate composites) into the destination, and every
/// temporary object is deleted (the compose leaves its sources alone: cloud.google.com/storage/docs/composite-objects).
/// <para>
/// Guarantees. Every compose pins each source to the generation this run wrote (the source's
/// <c>generation</c> and its <c>ifGenerationMatch</c>), so nothing but this run's bytes can end up
/// in the object. The final compose carries <c>ifGenerationMatch</c> = the destination's generation
/// when the run started (0 when absent): publish replaces what it found, as its single and
/// resumable uploads do (a re-run after a failed index write re-uploads the same name), but never
/// an object someone else wrote meanwhile — that fails with exit 8 and leaves the other object.
/// The destination only ever appears whole (compose is one atomic write). Temporary objects are
/// named <c>&lt;object&gt;.parts/&lt;run&gt;/…</c>, where the run id starts with the UTC start time,
/// so a run never collides with another and a later run can tell older runs' leftovers: a run that
/// fails deletes its own; a crashed (killed) run leaves only them, and the next successful upload of
/// the same object deletes every run's leftovers that started before it (runs that started
/// earlier cannot succeed any more: the destination changed under their precondition).
/// </para>
/// </summary>
internal sealed class GcsCompositeUpload
{
    /// <summary>Sources per compose call (cloud.google.com/storage/docs/composite-objects: "between 1 and 32 source objects").</summary>
    public const int MaxSourcesPerCompose = 32;

    /// <summary>What a part's name adds to its object's: <c>&lt;object&gt;.parts/&lt;run&gt;/&lt;n&gt;</c>.</summary>
    public const string PartsSuffix = ".parts/";

    /// <summary>The user metadata key the composed archive carries its run id under.</summary>
    public const string RunMetadataKey = "zcash-snapshot-agent-run";

    /// <summary>Parts at most, as for S3: the part size grows instead (a 270 GB archive: 30 MiB parts would be 9,000; 64 MiB ones are ~4,000).</summary>
    private const long MaxParts = 9000;

    private readonly GcsJsonClient _client;
    private readonly RetryPolicy _retry;
    private readonly UploadTuning _tuning;
    private readonly AgentLog _log;

    public GcsCompositeUpload(GcsJsonClient client, RetryPolicy retry, UploadTuning tuning, AgentLog log)
    {
        _client = client;
        _retry = retry;
        _tuning = tuning;
        _log = log;
    }

    /// <summary>A new run id: the UTC start time (sortable), then randomness (unique).</summary>
    public static string NewRunId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    /// <summary>The run id in a temporary object's name under <paramref name="partsPrefix"/>, or null when it is not one.</summary>
    public static string? RunOf(string name, string partsPrefix)
    {
        if (!name.StartsWith(partsPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var slash = name.IndexOf('/', partsPrefix.Length);
        return slash > partsPrefix.Length ? name[partsPrefix.Length..slash] : null;
    }

    public async Task RunAsync(string key, string path, string contentType, Action<long> sent, CancellationToken cancellationToken)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var size = RandomAccess.GetLength(file);
        var partBytes = Math.Max(_tuning.PartBytes, (size + MaxParts - 1) / MaxParts);
        var count = (int)((size + partBytes - 1) / partBytes);
        var partsPrefix = key + PartsSuffix;
        var run = NewRunId(DateTimeOffset.UtcNow);
        var runPrefix = $"{partsPrefix}{run}/";

        // What the final compose may replace: the object as it is now (0: none).
        var expected = await RetryAsync(() => _client.GenerationAsync(key, cancellationToken), $"GET {_client.Describe(key)}", cancellationToken).ConfigureAwait(false) ?? 0;
        _log.Info($"uploading {_client.Describe(key)} as {count} parts of {ByteSize.Format(partBytes)}, {_tuning.Connections} at once, under {_client.Describe(runPrefix)}, then composing them");

        var written = new ConcurrentBag<GcsComponent>();
        var done = false;
        try
        {
            var parts = new GcsComponent[count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = _tuning.Connections, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var offset = i * partBytes;
                    parts[i] = await UploadPartAsync(file, $"{runPrefix}{i:D5}", offset, Math.Min(partBytes, size - offset), contentType, sent, token).ConfigureAwait(false);
                    written.Add(parts[i]);
                }).ConfigureAwait(false);

            CrashPoint.Reached(CrashPoint.PartsUploaded, _log, cancellationToken);
            await ComposeAsync(key, run, runPrefix, parts, expected, contentType, written, cancellationToken).ConfigureAwait(false);
            done = true;
        }
        finally
        {
            // The normal end of a successful upload too: the parts and intermediate composites go.
            // After a failure (or SIGTERM) this runs on its own short deadline.
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var token = done ? cancellationToken : deadline.Token;
            await DeleteAsync(written, token).ConfigureAwait(false);
            await DeleteLeftoversAsync(partsPrefix, name => RunOf(name, partsPrefix) is { } other && (done ? string.CompareOrdinal(other, run) <= 0 : other == run), token).ConfigureAwait(false);
        }
    }

    private async Task<GcsComponent> UploadPartAsync(Microsoft.Win32.SafeHandles.SafeFileHandle file, string name, long offset, long length, string contentType, Action<long> sent, CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            long streamed = 0;
            try
            {
                // Parts carry no precondition: the run id makes the name this run's alone, and a
                // retry after a lost answer simply writes it again (its new generation is the one composed).
                using var content = new StreamContent(new CountingReadStream(new FileRegionStream(file, offset, length), n =>
                {
                    streamed += n;
                    sent(n);
                }), 256 * 1024);
                content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                content.Headers.ContentLength = length;
                return new GcsComponent(name, await _client.InsertAsync(name, content, cancellationToken).ConfigureAwait(false));
            }
            catch (TransientSourceException e)
            {
                // What went up in the failed attempt is sent again: take it back from the progress.
                sent(-streamed);
                if (failures >= _retry.MaxAttempts)
                {
                    throw new AgentException(ExitCodes.Network, $"GCS upload of {_client.Describe(name)} (bytes {offset}-{offset + length - 1}) failed {failures} times in a row: {e.Message}", e);
                }

                _log.Warn($"{e.Message}; uploading that part again in {_retry.BackoffFor(failures).TotalSeconds:0.#} s (attempt {failures + 1} of {_retry.MaxAttempts})");
                await Task.Delay(_retry.BackoffFor(failures), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Composes <paramref name="parts"/> in order: while more than 32 remain, each run of 32 becomes
    /// an intermediate composite under the run's prefix (no precondition, like the parts: the name is
    /// this run's alone, so a retry after a lost answer just composes it again); the last compose
    /// writes the destination if it is still at <paramref name="expected"/>.
    /// </summary>
    private async Task ComposeAsync(string key, string run, string runPrefix, IReadOnlyList<GcsComponent> parts, long expected, string contentType, ConcurrentBag<GcsComponent> written, CancellationToken cancellationToken)
    {
        var level = parts;
        for (var round = 1; level.Count > MaxSourcesPerCompose; round++)
        {
            var groups = level.Chunk(MaxSourcesPerCompose).ToList();
            var next = new GcsComponent[groups.Count];
            var r = round;
            await Parallel.ForEachAsync(
                Enumerable.Range(0, groups.Count),
                new ParallelOptions { MaxDegreeOfParallelism = _tuning.Connections, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var name = $"{runPrefix}compose-{r}-{i:D5}";
                    var generation = await RetryAsync(() => _client.ComposeAsync(name, groups[i], null, contentType, null, token), $"compose {_client.Describe(name)}", token).ConfigureAwait(false)
                        ?? throw new AgentException(ExitCodes.Network, $"GCS compose {_client.Describe(name)}: a part is no longer at the generation this run wrote (HTTP 412; another run deleted it?)");
                    next[i] = new GcsComponent(name, generation);
                    written.Add(next[i]);
                }).ConfigureAwait(false);
            level = next;
        }

        // The run id goes on the archive, so that a compose whose answer was lost (and whose retry
        // then meets its own result, HTTP 412) is recognised as this run's and not as a conflict.
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [RunMetadataKey] = run };
        var composed = await RetryAsync(() => _client.ComposeAsync(key, level, expected, contentType, metadata, cancellationToken), $"compose {_client.Describe(key)}", cancellationToken).ConfigureAwait(false);
        if (composed is null
            && await RetryAsync(() => _client.MetadataAsync(key, RunMetadataKey, cancellationToken), $"GET {_client.Describe(key)}", cancellationToken).ConfigureAwait(false) == run)
        {
            _log.Info($"{_client.Describe(key)} already holds this run's compose (an earlier attempt went through but its answer was lost)");
            return;
        }

        if (composed is null)
        {
            var was = expected == 0 ? "absent" : $"at generation {expected}";
            throw new AgentException(ExitCodes.Conflict, $"{_client.Describe(key)} was written by someone else during the upload (it was {was} when this run started); left as it is, this run's parts are deleted and nothing is indexed");
        }
    }

    private async Task DeleteAsync(IEnumerable<GcsComponent> components, CancellationToken cancellationToken)
    {
        var failed = 0;
        await Parallel.ForEachAsync(
            components,
            new ParallelOptions { MaxDegreeOfParallelism = _tuning.Connections },
            async (component, _) =>
            {
                try
                {
                    await RetryAsync(() => _client.DeleteAsync(component.Name, component.Generation, cancellationToken), $"DELETE {_client.Describe(component.Name)}", cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is AgentException or OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }).ConfigureAwait(false);
        if (failed > 0)
        {
            _log.Warn($"{failed} temporary part objects could not be deleted; the next successful publish of the same archive deletes them");
        }
    }

    /// <summary>Deletes the objects under <paramref name="partsPrefix"/> that <paramref name="ours"/> selects (best effort).</summary>
    private async Task DeleteLeftoversAsync(string partsPrefix, Func<string, bool> ours, CancellationToken cancellationToken)
    {
        List<GcsComponent> found;
        try
        {
            found = await RetryAsync(() => _client.ListAsync(partsPrefix, cancellationToken), $"list {_client.Describe(partsPrefix)}", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AgentException or OperationCanceledException)
        {
            _log.Warn($"could not list {_client.Describe(partsPrefix)} for leftover parts: {e.Message}");
            return;
        }

        var leftovers = found.Where(c => ours(c.Name)).ToList();
        if (leftovers.Count > 0)
        {
            _log.Info($"deleting {leftovers.Count} leftover part objects under {_client.Describe(partsPrefix)} (runs {string.Join(", ", leftovers.Select(c => RunOf(c.Name, partsPrefix)).Distinct())})");
            await DeleteAsync(leftovers, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Retries <paramref name="action"/> on transient failures, up to the policy's attempts, with its doubling delay.</summary>
    private async Task<T> RetryAsync<T>(Func<Task<T>> action, string what, CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await action().ConfigureAwait(false);
            }
            catch (TransientSourceException e)
            {
                if (failures >= _retry.MaxAttempts)
                {
                    throw new AgentException(ExitCodes.Network, $"{what} failed {failures} times in a row: {e.Message}", e);
                }

                await Task.Delay(_retry.BackoffFor(failures), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RetryAsync(Func<Task> action, string what, CancellationToken cancellationToken) =>
        await RetryAsync(async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        }, what, cancellationToken).ConfigureAwait(false);
}
