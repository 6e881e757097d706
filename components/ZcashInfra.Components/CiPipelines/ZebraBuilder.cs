namespace ZcashInfra.Components.CiPipelines;

/// <summary>
/// The toolchain image the node pipeline builds Zebra in. Zebra needs the Rust its
/// <c>rust-toolchain.toml</c> pins plus clang, libclang and protoc (zebra <c>book/src/user/install.md</c>);
/// the official Rust image has Rust only, and task steps run as a non-root user that cannot install
/// packages. So this project builds the image from <see cref="Dockerfile"/> with its image pipeline,
/// beside the snapshot agent, and defaults to it.
/// </summary>
public static class ZebraBuilder
{
    /// <summary>
    /// The Rust Zebra pins: 1.91.0 builds the daemon at zebrad 6.3.0 and 7.0.0 (Zebra's
    /// <c>rust-toolchain.toml</c>; its 7.0.0 platform-support page lists the 1.91.0 daemon build).
    /// </summary>
    public const string RustVersion = "1.91.0";

    /// <summary>The Dockerfile, relative to the repository root (its directory is the build context).</summary>
    public const string Dockerfile = "tools/ci-builders/zebra/Dockerfile";

    /// <summary>The build context.</summary>
    public const string Context = "tools/ci-builders/zebra";

    /// <summary>Its base: the official Rust image at exactly that version (docker-library publishes <c>X.Y.Z-bookworm</c> tags).</summary>
    public const string BaseImage = $"docker.io/library/rust:{RustVersion}-bookworm";

    /// <summary>The Debian packages it adds: clang, libclang and protoc.</summary>
    public static readonly IReadOnlyList<string> Packages = ["clang", "libclang-dev", "protobuf-compiler"];

    /// <summary>The image's name beside the snapshot agent's.</summary>
    public const string Name = "zebra-builder";

    /// <summary>Its tag: the Rust it carries.</summary>
    public const string Tag = $"rust-{RustVersion}";

    /// <summary>The default builder: pushed by this project's image pipeline next to the default agent image.</summary>
    public static string DefaultImage { get; } = Image(SnapshotAgent.SnapshotAgentImage.Default);

    /// <summary>The builder image pushed beside <paramref name="agentImage"/> (same registry and owner).</summary>
    public static string Image(string agentImage)
    {
        var repository = SnapshotAgent.SnapshotAgentImage.Repository(agentImage);
        var slash = repository.LastIndexOf('/');
        return $"{(slash < 0 ? string.Empty : repository[..(slash + 1)])}{Name}:{Tag}";
    }

    /// <summary>
    /// True for an image known to lack clang, libclang and protoc: the official Rust images
    /// (<c>rust:…</c>, <c>docker.io/library/rust:…</c>).
    /// </summary>
    public static bool LacksBuildDependencies(string image)
    {
        var name = image.Split('@')[0];
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            name = name[..colon];
        }

        return name is "rust" or "library/rust" or "docker.io/library/rust" or "docker.io/rust" or "index.docker.io/library/rust";
    }
}
