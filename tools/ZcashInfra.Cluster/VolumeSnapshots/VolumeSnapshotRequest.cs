namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>What the snapshot job asks for after a clean stop.</summary>
/// <param name="Claim">The PersistentVolumeClaim to snapshot.</param>
/// <param name="SnapshotClass">The VolumeSnapshotClass.</param>
/// <param name="Name">The new VolumeSnapshot's name.</param>
/// <param name="Labels">Labels of the new snapshot (and of the alias).</param>
/// <param name="Series">The labels that make a retention series: a subset of <paramref name="Labels"/>.</param>
/// <param name="Keep">How many ready snapshots of the series to keep, the new one included (≥ 1).</param>
/// <param name="Alias">A fixed name to re-point at the new snapshot, or null.</param>
/// <param name="Timeout">How long to wait for each snapshot to become ready to use.</param>
public sealed record VolumeSnapshotRequest(
    string Claim,
    string SnapshotClass,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Series,
    int Keep,
    string? Alias,
    TimeSpan Timeout)
{
    /// <summary>Every problem with the request, each naming its option; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (option, value) in new[] { ("--claim", Claim), ("--class", SnapshotClass), ("--name", Name) })
        {
            if (!KubernetesNames.IsSubdomain(value))
            {
                problems.Add($"{option} '{value}' is not a valid Kubernetes object name (lowercase letters, digits, '-' and '.', ≤ 253)");
            }
        }

        if (Alias is not null && !KubernetesNames.IsSubdomain(Alias))
        {
            problems.Add($"--alias '{Alias}' is not a valid Kubernetes object name");
        }

        if (Alias == Name)
        {
            problems.Add($"--alias must differ from --name ('{Name}')");
        }

        foreach (var (key, value) in Labels)
        {
            if (KubernetesNames.LabelProblem(key, value) is { } problem)
            {
                problems.Add($"--label {key}={value}: {problem}");
            }
        }

        if (Labels.ContainsKey(SnapshotApi.AliasLabel))
        {
            problems.Add($"--label {SnapshotApi.AliasLabel} is reserved for the alias");
        }

        foreach (var (key, value) in Series)
        {
            if (!Labels.TryGetValue(key, out var labelled) || labelled != value)
            {
                problems.Add($"--series {key}={value} is not one of the --label pairs (a series must match the new snapshot)");
            }
        }

        if (Series.Count == 0)
        {
            problems.Add("--series: at least one label pair is needed, or pruning would span unrelated snapshots");
        }

        if (Keep < 1)
        {
            problems.Add($"--keep must be ≥ 1 (the new snapshot counts), not {Keep}");
        }

        return problems;
    }
}
