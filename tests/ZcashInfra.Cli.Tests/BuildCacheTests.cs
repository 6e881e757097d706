namespace ZcashInfra.Cli.Tests;

/// <summary>The cache of built bases: one complete folder per key, whatever runs at the same time.</summary>
public sealed class BuildCacheTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("build-cache-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Runs_that_build_the_same_key_at_once_all_get_one_complete_folder()
    {
        var cache = new BuildCache(_root.FullName);
        var key = BuildCache.Key("0123456789abcdef0123456789abcdef01234567", "10.0.100");
        using var together = new Barrier(4);
        var builds = 0;

        var results = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(i => cache.GetOrCreate(key, folder =>
        {
            Interlocked.Increment(ref builds);
            together.SignalAndWait(TimeSpan.FromSeconds(30));
            File.WriteAllText(Path.Combine(folder, "cli.dll"), $"built by {i}");
            Thread.Sleep(50);
            File.WriteAllText(Path.Combine(folder, "render.json"), "{}");
        })).ToList();

        Assert.Equal(4, builds);
        Assert.Single(results.Select(r => r.Folder).Distinct());
        Assert.Single(results, r => r.Built);
        var folder = results[0].Folder;
        Assert.True(File.Exists(Path.Combine(folder, "render.json")));
        Assert.Equal([key], Directory.GetFileSystemEntries(_root.FullName).Select(Path.GetFileName));
        Assert.False(cache.GetOrCreate(key, _ => throw new InvalidOperationException("built twice")).Built);
    }

    [Fact]
    public void A_failed_build_leaves_nothing_and_the_next_run_builds_again()
    {
        var cache = new BuildCache(_root.FullName);
        Assert.Throws<DiffException>(() => cache.GetOrCreate("k", folder =>
        {
            File.WriteAllText(Path.Combine(folder, "half"), string.Empty);
            throw new DiffException("does not build");
        }));
        Assert.Empty(Directory.GetFileSystemEntries(_root.FullName));
        Assert.True(cache.GetOrCreate("k", folder => File.WriteAllText(Path.Combine(folder, "x"), string.Empty)).Built);
    }

    [Fact]
    public void Only_the_most_recently_used_entries_are_kept()
    {
        var cache = new BuildCache(_root.FullName);
        for (var i = 0; i < BuildCache.Keep + 3; i++)
        {
            cache.GetOrCreate($"k{i}", _ => { });
            File.SetLastWriteTimeUtc(Path.Combine(_root.FullName, $"k{i}", ".complete"), DateTime.UtcNow.AddMinutes(i - 100));
        }

        Assert.Equal(BuildCache.Keep, Directory.GetDirectories(_root.FullName).Length);
        Assert.True(Directory.Exists(Path.Combine(_root.FullName, $"k{BuildCache.Keep + 2}")));
        Assert.False(Directory.Exists(Path.Combine(_root.FullName, "k0")));
    }

    [Fact]
    public void The_key_depends_on_the_commit_and_the_sdk()
    {
        Assert.NotEqual(BuildCache.Key("a", "10.0.100"), BuildCache.Key("b", "10.0.100"));
        Assert.NotEqual(BuildCache.Key("a", "10.0.100"), BuildCache.Key("a", "10.0.101"));
        Assert.Equal(BuildCache.Key("a", "10.0.100"), BuildCache.Key("a", "10.0.100"));
    }
}
