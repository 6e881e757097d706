namespace ZcashInfra.Components.Validation;

/// <summary>
/// Finds the offline schema folder (Kubernetes, Tekton, KEDA, Prometheus Operator schemas and the
/// Pulumi provider indexes). Looked for, in order: an explicit path, <c>$ZCASH_INFRA_SCHEMAS</c>,
/// <c>../shared/schemas</c> beside the repository, and the cache <c>scripts/fetch-schemas.sh</c>
/// fills (<c>$XDG_CACHE_HOME/zcash-infra/schemas</c> or <c>~/.cache/zcash-infra/schemas</c>).
/// </summary>
public static class SchemaLocator
{
    /// <summary>The environment variable that points at a schema folder.</summary>
    public const string EnvironmentVariable = "ZCASH_INFRA_SCHEMAS";

    /// <summary>A file every complete schema folder has; its presence identifies one.</summary>
    private const string Marker = "SHA256SUMS";

    /// <summary>The schema folder, or an exception that says where it looked. Never a silent pass.</summary>
    public static string Locate(string? explicitPath = null, string? startDirectory = null)
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates(explicitPath, startDirectory ?? Directory.GetCurrentDirectory()))
        {
            tried.Add(candidate);
            if (File.Exists(Path.Combine(candidate, Marker)))
            {
                return Path.GetFullPath(candidate);
            }

            if (explicitPath is not null || Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 })
            {
                // An explicit choice that is wrong must not fall back to something else.
                break;
            }
        }

        throw new SchemasNotFoundException(
            "no schema folder found (looked in: " + string.Join(", ", tried) + "). " +
            $"Pass --schemas DIR, set {EnvironmentVariable}, or run scripts/fetch-schemas.sh to download the pinned schemas.");
    }

    private static IEnumerable<string> Candidates(string? explicitPath, string start)
    {
        if (explicitPath is not null)
        {
            yield return explicitPath;
            yield break;
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv)
        {
            yield return fromEnv;
            yield break;
        }

        // ../shared/schemas beside the repository root, from anywhere inside the repository.
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZcashInfra.sln")))
            {
                yield return Path.Combine(dir.FullName, "..", "shared", "schemas");
                break;
            }
        }

        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        yield return Path.Combine(cache, "zcash-infra", "schemas");
    }
}

/// <summary>No schema folder could be found; validation cannot run and says so.</summary>
public sealed class SchemasNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemasNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SchemasNotFoundException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SchemasNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
