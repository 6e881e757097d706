namespace ZcashInfra.Components.Graph;

/// <summary>
/// How long the engine waits for a create, update or delete before failing it (Pulumi's
/// <c>customTimeouts</c> resource option). Unset fields keep the provider's default; for Kubernetes
/// objects a set field also overrides <c>pulumi.com/timeoutSeconds</c> (pulumi-kubernetes
/// <c>provider/pkg/metadata/overrides.go</c>, <c>TimeoutDuration</c>).
/// </summary>
/// <param name="Create">Limit for a create.</param>
/// <param name="Update">Limit for an update.</param>
/// <param name="Delete">Limit for a delete.</param>
public sealed record GraphTimeouts(TimeSpan? Create = null, TimeSpan? Update = null, TimeSpan? Delete = null)
{
    /// <summary>True when no field is set.</summary>
    public bool IsEmpty => Create is null && Update is null && Delete is null;

    /// <summary>A duration as the engine writes one (Go's <c>time.Duration</c> text): <c>2h30m0s</c>, <c>45s</c>.</summary>
    public static string Text(TimeSpan value)
    {
        var hours = (long)value.TotalHours;
        return hours > 0 ? $"{hours}h{value.Minutes}m{value.Seconds}s"
            : value.Minutes > 0 ? $"{value.Minutes}m{value.Seconds}s"
            : $"{value.Seconds}s";
    }
}
