namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>
/// What failed runs of a series leave behind, removed at the start of the next run: pre-provisioned
/// alias contents that no alias is bound to (made before a re-point failed), and snapshots of the
/// series that never became ready within a run's timeout. Runs of one series never overlap (the
/// snapshot CronJob is <c>concurrencyPolicy: Forbid</c>), so nothing here belongs to a run in flight;
/// only this series' alias's contents are touched, never another series'.
/// </summary>
/// <param name="snapshots">The namespace's snapshot API.</param>
/// <param name="log">Receives one line per object removed.</param>
public sealed class VolumeSnapshotLeftovers(VolumeSnapshotClient snapshots, Action<string> log)
{
    /// <summary>Deletes the leftovers of earlier runs of <paramref name="request"/>'s series, adding the snapshots deleted to <paramref name="deleted"/>.</summary>
    public async Task CleanAsync(VolumeSnapshotRequest request, string seriesSelector, List<string> deleted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(deleted);
        var ns = snapshots.Namespace;
        if (request.Alias is { } aliasName)
        {
            var alias = await snapshots.GetAsync(aliasName, cancellationToken).ConfigureAwait(false);
            var contents = await snapshots.ListContentsAsync($"{SnapshotApi.AliasLabel}=true", cancellationToken).ConfigureAwait(false);

            // Retain only: deleting such a content never deletes a cloud snapshot (external-snapshotter
            // v8.6.0 client/apis/volumesnapshot/v1/types.go, DeletionPolicy).
            foreach (var content in contents.Where(c => c.SnapshotRef == $"{ns}/{aliasName}" && c.DeletionPolicy == "Retain" && !c.Deleting
                && c.Name != alias?.ContentSource && c.Name != alias?.BoundContent))
            {
                if (await snapshots.DeleteContentAsync(content.Name, cancellationToken).ConfigureAwait(false))
                {
                    log($"volumesnapshotcontent {content.Name}: deleted (a leftover pre-provisioned content for alias {ns}/{aliasName}, which uses {alias?.ContentSource ?? "none (it does not exist)"}; Retain, so the cloud snapshot stays)");
                }
            }
        }

        var cutoff = snapshots.Now - request.Timeout;
        var claims = await snapshots.ListRestoringClaimsAsync(cancellationToken).ConfigureAwait(false);
        var series = await snapshots.ListAsync(seriesSelector, cancellationToken).ConfigureAwait(false);
        foreach (var stale in series.Where(s => !s.ReadyToUse && !s.Deleting && !s.IsAlias && s.Name != request.Name && s.Created is { } created && created < cutoff))
        {
            if (VolumeSnapshotCut.Holders(claims, stale.Name).Count > 0)
            {
                continue;
            }

            if (await snapshots.DeleteAsync(stale.Name, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(stale.Name);
                log($"volumesnapshot {ns}/{stale.Name}: deleted (not ready to use {Durations.Format(request.Timeout)} after it was made{(stale.Error is { } error ? $"; last error: {error}" : string.Empty)})");
            }
        }
    }
}
