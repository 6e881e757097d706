using ZcashInfra.Components.Providers;
using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Validation;

/// <summary>
/// The provider indexes are committed per pinned version (schemas/pulumi/) and locked by digest
/// (scripts/schemas.lock). Bumping a pin in Directory.Packages.props without regenerating them
/// fails here, with what to run.
/// </summary>
public class ProviderIndexPinTests
{
    public static TheoryData<string, string> Pins => new()
    {
        { "gcp", $"gcp-v{ProviderPins.Gcp}.json" },
        { "aws", $"aws-v{ProviderPins.Aws}.json" },
        { "kubernetes", $"kubernetes-v{ProviderPins.Kubernetes}-tokens.json" },
    };

    [Theory]
    [MemberData(nameof(Pins))]
    public void The_index_of_every_pinned_provider_version_is_committed_and_locked(string package, string file)
    {
        var regenerate = $"Directory.Packages.props pins {package} {ProviderPins.VersionOf(package)}; run scripts/update-provider-indexes.sh (it needs the Pulumi CLI) and commit schemas/pulumi/{file} and scripts/schemas.lock.";
        var committed = RepoPaths.At("schemas", "pulumi", file);
        Assert.True(File.Exists(committed), $"schemas/pulumi/{file} is missing. {regenerate}");

        var entry = SchemaLock.Read(RepoPaths.At(SchemaLock.RelativePath)).Entries.SingleOrDefault(e => e.Path == $"pulumi/{file}");
        Assert.True(entry is not null, $"{SchemaLock.RelativePath} does not lock pulumi/{file}. {regenerate}");
        Assert.Equal($"{SchemaLock.RepoPrefix}schemas/pulumi/{file}", entry.Source);
        Assert.True(entry.Sha256 == SchemaLock.Digest(committed), $"schemas/pulumi/{file} does not match its digest in {SchemaLock.RelativePath}. {regenerate}");
    }

    [Fact]
    public void Validation_reads_the_index_of_the_pinned_version()
    {
        Assert.Equal($"pulumi/gcp-v{ProviderPins.Gcp}.json", ProviderIndex.IndexFile("gcp"));
        Assert.Equal($"pulumi/aws-v{ProviderPins.Aws}.json", ProviderIndex.IndexFile("aws"));
    }

    [Fact]
    public void Every_provider_index_in_the_lock_is_a_committed_file()
    {
        var indexes = SchemaLock.Read(RepoPaths.At(SchemaLock.RelativePath)).Entries.Where(e => e.Path.StartsWith("pulumi/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, indexes.Count);
        Assert.All(indexes, e => Assert.True(File.Exists(RepoPaths.At(e.Source[SchemaLock.RepoPrefix.Length..])), e.Source));
    }
}
