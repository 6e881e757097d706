using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Tests.Ci;
using ZcashInfra.Components.Tests.Support;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.CiPipelines;

/// <summary>Zebra builds need the Rust Zebra pins plus clang, libclang and protoc (zebra book/src/user/install.md).</summary>
public class ZebraBuilderTests
{
    private static string DockerfileText => File.ReadAllText(Path.Combine(RepoPaths.Root, ZebraBuilder.Dockerfile));

    [Fact]
    public void The_default_builder_is_built_from_the_pinned_rust_with_clang_libclang_and_protoc()
    {
        var lines = DockerfileText.Split('\n').Where(l => !l.StartsWith('#')).ToList();
        Assert.Contains($"FROM {ZebraBuilder.BaseImage}", lines);
        Assert.Equal("docker.io/library/rust:1.91.0-bookworm", ZebraBuilder.BaseImage);
        var install = string.Join(' ', lines);
        Assert.All(ZebraBuilder.Packages, p => Assert.Contains($" {p}", install, StringComparison.Ordinal));
        Assert.Equal("ghcr.io/zcash-infra/zebra-builder:rust-1.91.0", ZebraBuilder.DefaultImage);
        Assert.Equal(ZebraBuilder.DefaultImage, new CiPipelinesArgs { Provider = "p", Repositories = [] }.ZebradBuilder);
    }

    [Fact]
    public void The_image_pipeline_pushes_the_builder_beside_the_agent()
    {
        var template = CiGraphs.Full().Object("TriggerTemplate", CiNames.ImagePipeline);
        var runs = template["spec"]!["resourcetemplates"]!.AsArray();
        Assert.Equal(2, runs.Count);
        var builder = runs[1]!["spec"]!["params"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["value"]!.GetValue<string>());
        Assert.Equal(ZebraBuilder.DefaultImage, builder[CiNames.Image]);
        Assert.Equal(ZebraBuilder.Dockerfile, builder[CiNames.Dockerfile]);
        Assert.Equal(ZebraBuilder.Context, builder[CiNames.Context]);
        Assert.Equal("registry:5000/team/zebra-builder:rust-1.91.0", ZebraBuilder.Image("registry:5000/team/agent@sha256:abc"));
    }

    [Theory]
    [InlineData("docker.io/library/rust:1.89-bookworm", true)]
    [InlineData("rust:1.91", true)]
    [InlineData("rust@sha256:abc", true)]
    [InlineData("ghcr.io/zcash-infra/zebra-builder:rust-1.91.0", false)]
    [InlineData("example.org/rust:1.91", false)]
    public void The_official_rust_image_is_known_to_lack_the_build_dependencies(string image, bool lacks) =>
        Assert.Equal(lacks, ZebraBuilder.LacksBuildDependencies(image));
}
