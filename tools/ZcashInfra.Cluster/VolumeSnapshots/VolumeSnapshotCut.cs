namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>What a cut did.</summary>
/// <param name="Snapshot">The new snapshot, ready to use.</param>
/// <param name="Alias">The alias, re-pointed and ready, or null.</param>
/// <param name="Deleted">The snapshots pruned.</param>
public sealed record VolumeSnapshotResult(VolumeSnapshot Snapshot, VolumeSnapshot? Alias, IReadOnlyList<string> Deleted);

/// <summary>
/// The snapshot job's last step: snapshot the claim, wait until the snapshot is ready to use,
/// re-point the alias, prune the series. A re-run with the same name (a retried Job pod) finds
/// the snapshot it made before and waits on it again instead of failing on AlreadyExists.
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

        VolumeSnapshot? alias = null;
        if (request.Alias is { } aliasName)
        {
            alias = await RepointAliasAsync(request, aliasName, ready, cancellationToken).ConfigureAwait(false);
        }

        var keepAlways = new HashSet<string>(StringComparer.Ordinal) { request.Name };
        if (request.Alias is not null)
        {
            keepAlways.Add(request.Alias);
        }

        var selector = string.Join(',', request.Series.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        var series = await snapshots.ListAsync(selector, cancellationToken).ConfigureAwait(false);
        var deleted = new List<string>();
        foreach (var old in SnapshotRetention.ToDelete(series, request.Series, request.Keep, keepAlways))
        {
            if (await snapshots.DeleteAsync(old.Name, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(old.Name);
                log($"volumesnapshot {ns}/{old.Name}: deleted (beyond the newest {request.Keep} of {selector})");
            }
        }

        return new VolumeSnapshotResult(ready, alias, deleted);
    }

    private Task<VolumeSnapshot> WaitReadyAsync(string name, TimeSpan timeout, CancellationToken cancellationToken) =>
        snapshots.WaitAsync(name, s => s switch
        {
            null => throw new ClusterException($"volumesnapshot {snapshots.Namespace}/{name} disappeared while waiting for it to become ready"),
            { ReadyToUse: true } => s,

            // external-snapshotter types.go: the controller keeps retrying after an error and clears
            // it on success; the job fails at once so the error is seen, and a retried pod (same
            // --name) waits on the same snapshot again.
            { Error: { } error } => throw new ClusterException($"volumesnapshot {snapshots.Namespace}/{name} failed: {error}"),
            _ => null,
        }, timeout, cancellationToken);

    /// <summary>
    /// A VolumeSnapshot's source is immutable (external-snapshotter CRD:
    /// "volumeSnapshotContentName is immutable"), so re-pointing means a new pre-provisioned
    /// content for the new snapshot's handle, then deleting and re-creating the alias on it,
    /// then deleting the old content (Retain: the cloud snapshot stays with its real owner).
    /// </summary>
    private async Task<VolumeSnapshot> RepointAliasAsync(VolumeSnapshotRequest request, string aliasName, VolumeSnapshot ready, CancellationToken cancellationToken)
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
            await snapshots.CreateContentAsync(SnapshotManifests.PreProvisionedContent(aliasContent, ns, aliasName, content.Driver, handle, content.ClassName, labels), cancellationToken).ConfigureAwait(false);
            if (previous is not null)
            {
                await snapshots.DeleteAsync(aliasName, cancellationToken).ConfigureAwait(false);

                // Finalizers (the controller's bound and source protection) may hold it a while.
                await snapshots.WaitAsync(aliasName, s => s is null ? Gone.Value : null, request.Timeout, cancellationToken).ConfigureAwait(false);
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
        return alias;
    }

    private sealed class Gone
    {
        public static readonly Gone Value = new();
    }
}
