namespace ZcashInfra.Tests.Shared;

/// <summary>Where the repository is, from inside a test run.</summary>
internal static class RepoPaths
{
    /// <summary>The directory that holds ZcashInfra.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the repository.</summary>
    public static string At(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZcashInfra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ZcashInfra.sln not found above " + AppContext.BaseDirectory);
    }
}
