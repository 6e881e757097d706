using System.Text.RegularExpressions;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.SnapshotStore;

namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:snapshots</c> — the bucket that holds chain-state snapshots and their indexes.</summary>
public sealed partial record SnapshotStorageSettings
{
    /// <summary>
    /// Bucket name (globally unique). Default: <c>&lt;project or account id&gt;-zcash-snapshots-&lt;stack&gt;</c>.
    /// </summary>
    public string? Bucket { get; init; }

    /// <summary>GCS location or S3 region. Default: <c>gcp.region</c> or <c>aws.region</c>.</summary>
    public string? Location { get; init; }

    /// <summary>
    /// Publish snapshots publicly (read-only objects, never list or write), as the Zcash Foundation
    /// does. Default false.
    /// </summary>
    public bool PublicRead { get; init; }

    /// <summary>Delete archives older than this many days; 0 keeps them until the agent's retention prunes them. Default 0.</summary>
    public int ArchiveMaxAgeDays { get; init; }

    /// <summary>Delete overwritten or deleted object versions after this many days. Default 7.</summary>
    public int NoncurrentVersionDays { get; init; } = BucketDefaults.NoncurrentVersionDays;

    /// <summary>How many snapshots per network the agent keeps in the index (the latest is never pruned). Default 5.</summary>
    public int KeepSnapshots { get; init; } = StoreDefaults.Keep;

    /// <summary>The bucket's arguments with their defaults: the one place those defaults are written.</summary>
    private static SnapshotStoreArgs BucketDefaults { get; } = new() { Cloud = Cloud.Gcp, BucketName = string.Empty, Location = string.Empty };

    /// <summary>The snapshot job's store with its defaults: the one place those defaults are written.</summary>
    private static SnapshotJobStore StoreDefaults { get; } = new() { BucketUrl = string.Empty };

    internal void Validate(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        if (Bucket is not null)
        {
            errors.Require(BucketName().IsMatch(Bucket) && !Bucket.Contains("..", StringComparison.Ordinal), path["bucket"],
                $"must be 3–63 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit, got '{Bucket}'");
            errors.Require(!Bucket.StartsWith("goog", StringComparison.Ordinal), path["bucket"], "must not start with 'goog' (reserved by GCS)");
        }

        errors.AtLeast(ArchiveMaxAgeDays, 0, path["archiveMaxAgeDays"]);
        errors.AtLeast(NoncurrentVersionDays, 1, path["noncurrentVersionDays"]);
        errors.AtLeast(KeepSnapshots, 1, path["keepSnapshots"]);
        if (ArchiveMaxAgeDays > 0 && stack.SnapshotSchedule.Enabled)
        {
            // An age-based delete shorter than the cut interval could delete the only (latest) archive.
            errors.Require(ArchiveMaxAgeDays * 24 >= 2 * stack.SnapshotSchedule.MaxAgeHours, path["archiveMaxAgeDays"],
                $"must keep archives for at least twice snapshotSchedule.maxAgeHours ({stack.SnapshotSchedule.MaxAgeHours} h), or the latest snapshot could be deleted");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
