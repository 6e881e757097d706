namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>
/// The snapshot job's last step: clean up what failed runs left, snapshot the claim, wait until
/// the snapshot is ready to use, re-point the alias, prune the series. A re-run with the same name
/// (a retried Job pod) finds the snapshot it made before and waits on it again instead of failing
/// on AlreadyExists. No snapshot that a Pending claim restores from is deleted (see
/// <see cref="RestoringClaim"/>).
/// </summary>
/// <param name="snapshots">The namespace's snapshot API.</param>
/// <param name="log">Receives one line per step.</param>
public sealed class VolumeSnapshotCut(VolumeSnapshotClient snapshots, Action<string> log)
{
    /// <summary>Runs the cut; throws <see cref="ClusterException"/> or <see cref="TimeoutException"/> naming the snapshot and the reason.</summary>
    public async Task<VolumeSnapshotResult> RunAsync(VolumeSnapshotRequest request, CancellationToken cancellationToken)
    {
        if (request.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }

        var ns = snapshots.Namespace;
        var selector = string.Join(',', request.Series.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        var deleted = new List<string>();
        await new VolumeSnapshotLeftovers(snapshots, log).CleanAsync(request, selector, deleted, cancellationToken).ConfigureAwait(false);

        var manifest = SnapshotManifests.OfClaim(request.Name, ns, request.Claim, request.SnapshotClass, request.Labels);
        if (await snapshots.CreateAsync(manifest, cancellationToken).ConfigureAwait(false))
        {
            log($"volumesnapshot {ns}/{request.Name}: created from claim {request.Claim} (class {request.SnapshotClass})");
        }
        else
        {
            var existing = await snapshots.GetAsync(request.Name, cancellationToken).ConfigureAwait(false);
            if (existing is null || existing.ClaimName != request.Claim)
            {
                throw new ClusterException($"volumesnapshot {ns}/{request.Name} already exists and is not a snapshot of claim {request.Claim} (source: {existing?.ClaimName ?? existing?.ContentSource ?? "gone"}); choose another --name");
            }

            log($"volumesnapshot {ns}/{request.Name}: exists already (a retried run), waiting on it");
        }

        var ready = await WaitReadyAsync(request.Name, request.Timeout, cancellationToken).ConfigureAwait(false);
        log($"volumesnapshot {ns}/{request.Name}: ready to use (restoreSize {ready.RestoreSize ?? "?"}, content {ready.BoundContent})");

        var claims = await snapshots.ListRestoringClaimsAsync(cancellationToken).ConfigureAwait(false);
        VolumeSnapshot? alias = null;
        IReadOnlyList<string> heldBy = [];
        string? keptHandle = null;
        if (request.Alias is { } aliasName)
        {
            (alias, heldBy, keptHandle) = await RepointAliasAsync(request, aliasName, ready, claims, cancellationToken).ConfigureAwait(false);
        }

        var keepAlways = new HashSet<string>(StringComparer.Ordinal) { request.Name };
        if (request.Alias is not null)
        {
            keepAlways.Add(request.Alias);
        }

        var series = await snapshots.ListAsync(selector, cancellationToken).ConfigureAwait(false);
        foreach (var old in SnapshotRetention.ToDelete(series, request.Series, request.Keep, keepAlways))
        {
            if (Holders(claims, old.Name) is { Count: > 0 } holders)
            {
                log($"volumesnapshot {ns}/{old.Name}: kept beyond the newest {request.Keep}: Pending claim(s) {string.Join(", ", holders)} restore from it");
                continue;
            }

            if (keptHandle is not null && old.BoundContent is { } contentName
                && (await snapshots.GetContentAsync(contentName, cancellationToken).ConfigureAwait(false))?.SnapshotHandle == keptHandle)
            {
                log($"volumesnapshot {ns}/{old.Name}: kept beyond the newest {request.Keep}: alias {request.Alias} still points at it");
                continue;
            }

            if (await snapshots.DeleteAsync(old.Name, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(old.Name);
                log($"volumesnapshot {ns}/{old.Name}: deleted (beyond the newest {request.Keep} of {selector})");
            }
        }

        return new VolumeSnapshotResult(ready, alias, deleted, heldBy);
    }

    /// <summary>The Pending claims restoring from snapshot <paramref name="name"/>.</summary>
    internal static IReadOnlyList<string> Holders(IEnumerable<RestoringClaim> claims, string name) =>
        [.. claims.Where(c => c.Pending && c.Snapshot == name).Select(c => c.Name).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Waits until the snapshot is ready to use. status.error does not end the wait: "The snapshot
    /// controller will keep retrying when an error occurs during the snapshot creation. Upon
    /// success, this error field will be cleared" (external-snapshotter v8.6.0
    /// <c>client/apis/volumesnapshot/v1/types.go</c>, VolumeSnapshotStatus.Error). Each distinct
    /// error is logged once; a timeout names the last one.
    /// </summary>
    private async Task<VolumeSnapshot> WaitReadyAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ns = snapshots.Namespace;
        string? lastError = null;
        try
        {
            return await snapshots.WaitAsync(name, s =>
            {
                switch (s)
                {
                    case null:
                        throw new ClusterException($"volumesnapshot {ns}/{name} disappeared while waiting for it to become ready");
                    case { ReadyToUse: true }:
                        return s;
                    case { Error: { } error } when error != lastError:
                        lastError = error;
                        log($"volumesnapshot {ns}/{name}: the snapshot controller reports an error and retries: {error}");
                        return null;
                    default:
                        return null;
                }
            }, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e) when (lastError is not null && !e.Message.Contains(lastError, StringComparison.Ordinal))
        {
            throw new TimeoutException($"{e.Message}; last error reported: {lastError}", e);
        }
    }

    /// <summary>
    /// A VolumeSnapshot's source is immutable (external-snapshotter CRD:
    /// "volumeSnapshotContentName is immutable"), so re-pointing means a new pre-provisioned
    /// content for the new snapshot's handle, then deleting and re-creating the alias on it,
    /// then deleting the old content (Retain: the cloud snapshot stays with its real owner).
    /// The alias is not deleted while a Pending claim restores from it (<see cref="RestoringClaim"/>):
    /// the re-point waits for the next cut, and the handle it still points at is returned so that
    /// snapshot is not pruned.
    /// </summary>
    private async Task<(VolumeSnapshot? Alias, IReadOnlyList<string> HeldBy, string? KeptHandle)> RepointAliasAsync(
        VolumeSnapshotRequest request, string aliasName, VolumeSnapshot ready, IReadOnlyList<RestoringClaim> claims, CancellationToken cancellationToken)
    {
        var ns = snapshots.Namespace;
        var contentName = ready.BoundContent ?? throw new ClusterException($"volumesnapshot {ns}/{ready.Name} is ready but names no bound content (status.boundVolumeSnapshotContentName)");
        var content = await snapshots.GetContentAsync(contentName, cancellationToken).ConfigureAwait(false)
            ?? throw new ClusterException($"volumesnapshotcontent {contentName} of {ns}/{ready.Name} does not exist");
        var handle = content.SnapshotHandle ?? throw new ClusterException($"volumesnapshotcontent {contentName} has no status.snapshotHandle");

        var labels = new Dictionary<string, string>(request.Labels, StringComparer.Ordinal) { [SnapshotApi.AliasLabel] = "true" };
        var aliasContent = KubernetesNames.Derived(253, ns, aliasName, ready.Name);
        var previous = await snapshots.GetAsync(aliasName, cancellationToken).ConfigureAwait(false);
        if (previous is not null && !previous.IsAlias)
        {
            throw new ClusterException($"volumesnapshot {ns}/{aliasName} exists and is not an alias (no {SnapshotApi.AliasLabel} label); refusing to replace it");
        }

        if (previous?.ContentSource == aliasContent)
        {
            log($"volumesnapshot {ns}/{aliasName}: already points at {ready.Name}");
        }
        else
        {
            if (previous is not null && Holders(claims, aliasName) is { Count: > 0 } holders)
            {
                var current = previous.ContentSource is { } source ? await snapshots.GetContentAsync(source, cancellationToken).ConfigureAwait(false) : null;
                log($"volumesnapshot {ns}/{aliasName}: not re-pointed at {ready.Name} this run: Pending claim(s) {string.Join(", ", holders)} restore from it, "
                    + "and deleting it now would leave them and the alias waiting on each other; it keeps its current snapshot, which is not pruned, and the next cut re-points it");
                return (null, holders, current?.SnapshotHandle);
            }

            await snapshots.CreateContentAsync(SnapshotManifests.PreProvisionedContent(aliasContent, ns, aliasName, content.Driver, handle, content.ClassName, content.SourceVolumeMode, labels), cancellationToken).ConfigureAwait(false);
            if (previous is not null)
            {
                await snapshots.DeleteAsync(aliasName, cancellationToken).ConfigureAwait(false);
                await WaitGoneAsync(aliasName, request.Timeout, cancellationToken).ConfigureAwait(false);
            }

            if (!await snapshots.CreateAsync(SnapshotManifests.OfContent(aliasName, ns, aliasContent, labels), cancellationToken).ConfigureAwait(false))
            {
                throw new ClusterException($"volumesnapshot {ns}/{aliasName} was re-created by someone else while being re-pointed");
            }

            if (previous?.ContentSource is { } oldContent && oldContent != aliasContent)
            {
                await snapshots.DeleteContentAsync(oldContent, cancellationToken).ConfigureAwait(false);
            }

            log($"volumesnapshot {ns}/{aliasName}: re-pointed at {ready.Name} (content {aliasContent}, handle from {contentName})");
        }

        var alias = await WaitReadyAsync(aliasName, request.Timeout, cancellationToken).ConfigureAwait(false);
        log($"volumesnapshot {ns}/{aliasName}: ready to use");
        return (alias, [], null);
    }

    /// <summary>
    /// Waits for the deleted alias to go; finalizers (the controller's bound and source protection)
    /// may hold it a while. A timeout names the Pending claims that hold it, if any (a claim made
    /// after the check above).
    /// </summary>
    private async Task WaitGoneAsync(string aliasName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await snapshots.WaitAsync(aliasName, s => s is null ? Gone.Value : null, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            var holders = Holders(await snapshots.ListRestoringClaimsAsync(cancellationToken).ConfigureAwait(false), aliasName);
            var why = holders.Count == 0
                ? "no Pending claim restores from it"
                : $"Pending claim(s) {string.Join(", ", holders)} restore from it: the snapshot controller keeps a snapshot a Pending claim restores from, and the provisioner does not restore from a snapshot being deleted; delete those claims (or their pods' StatefulSet replicas) to release it";
            throw new TimeoutException($"{e.Message}; {why}", e);
        }
    }

    private sealed class Gone
    {
        public static readonly Gone Value = new();
    }
}
