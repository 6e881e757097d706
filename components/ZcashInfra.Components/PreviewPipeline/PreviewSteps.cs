namespace ZcashInfra.Components.PreviewPipeline;

/// <summary>
/// What the preview tasks run. Parameters reach the scripts only as environment variables, never
/// substituted into script text, so a branch or repository name cannot inject shell; commit ids are
/// checked to be hex before use.
/// </summary>
public static class PreviewSteps
{
    /// <summary>
    /// The .NET SDK image (it carries git and curl; its non-root user is <see cref="SdkUserId"/>).
    /// Tag source: Microsoft's <c>mcr.microsoft.com/dotnet/sdk</c> publishes a floating tag per
    /// major.minor (<c>10.0</c>), matching global.json's SDK band; no digest pinned.
    /// </summary>
    public const string DefaultSdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";

    /// <summary>The non-root user of the .NET images (<c>app</c>).</summary>
    public const int SdkUserId = 1654;

    /// <summary>The scratch volume every step works in.</summary>
    public const string WorkDir = "/work";

    /// <summary>Where the repository is checked out.</summary>
    public const string SourceDir = WorkDir + "/source";

    /// <summary>The file (at the repository root) that pins the Pulumi CLI for GitHub Actions and Tekton alike.</summary>
    public const string PulumiVersionFile = ".pulumi.version";

    /// <summary>Fetches the pull request's commit (and the base commit, when set) from the repository and checks it out.</summary>
    public const string Checkout = """
        #!/bin/sh
        set -eu
        for sha in "$REVISION" ${BASE_REVISION:+"$BASE_REVISION"}; do
          case "$sha" in
            *[!0-9a-f]*|'') echo "not a commit id: '$sha'" >&2; exit 2 ;;
          esac
        done
        mkdir -p "$HOME"
        git init -q "$SOURCE"
        cd "$SOURCE"
        git remote add origin "$REPO_URL"
        git fetch -q --no-tags origin "$REVISION" ${BASE_REVISION:+"$BASE_REVISION"}
        git -c advice.detachedHead=false checkout -q "$REVISION"
        """;

    /// <summary>The credential-free diff of every stack against the base commit, as the PR comment's Markdown.</summary>
    public const string Diff = """
        #!/bin/sh
        set -eu
        cd "$SOURCE"
        dotnet build stacks/ZcashInfra.Cli --nologo -v q
        dotnet run --no-build --project stacks/ZcashInfra.Cli -- diff --base "$BASE_REVISION" --format markdown > /work/diff.md
        cat /work/diff.md
        if [ "$REPORTS_BOUND" = "true" ]; then cp /work/diff.md "$REPORTS_PATH/diff.md"; fi
        """;

    /// <summary>
    /// <c>pulumi preview --diff</c> with the CLI version pinned in <see cref="PulumiVersionFile"/>,
    /// downloaded and checked against the release's checksums.
    /// </summary>
    public const string Preview = """
        #!/bin/sh
        set -eu
        cd "$SOURCE"
        read -r version < .pulumi.version
        case `uname -m` in
          x86_64) arch=x64 ;;
          aarch64|arm64) arch=arm64 ;;
          *) echo "unsupported architecture" >&2; exit 2 ;;
        esac
        tarball="pulumi-v$version-linux-$arch.tar.gz"
        curl -fsSL -o "/work/$tarball" "https://get.pulumi.com/releases/sdk/$tarball"
        curl -fsSL -o /work/pulumi-checksums.txt "https://get.pulumi.com/releases/sdk/pulumi-$version-checksums.txt"
        (cd /work && grep " $tarball\$" pulumi-checksums.txt | sha256sum -c -)
        tar -xzf "/work/$tarball" -C /work
        export PATH="/work/pulumi:$PATH"
        pulumi preview --diff --non-interactive --stack "$STACK"
        """;
}
