using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// Bad command lines and bad targets are refused before anything happens: exit 2 (or 6 for a
/// target the agent may not write), one line on stderr naming the problem, nothing created.
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    private const string Node = "--network mainnet --implementation zebrad --db-major 28";

    /// <summary>A URL nothing listens on: a run that got as far as downloading would fail differently (exit 5).</summary>
    private const string Archive = "http://127.0.0.1:9/a.tar.zst";

    private readonly TempDirectory _dir = new();

    private string[] Line(string line) => line.Replace("{dir}", _dir.Path, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [InlineData("restore --url " + Archive + " --network foonet --implementation zebrad --db-major 28 --target {dir}/t", "invalid network 'foonet'")]
    [InlineData("restore --url " + Archive + " --network mainnet --implementation geth --db-major 28 --target {dir}/t", "geth")]
    [InlineData("restore --url " + Archive + " " + Node + " --db-major -1 --target {dir}/t", "--db-major")]
    [InlineData("restore --url " + Archive + " " + Node + " --target {dir}/t --stall-timeout-seconds 0", "--stall-timeout-seconds must be > 0")]
    [InlineData("restore --url " + Archive + " " + Node + " --target {dir}/t --stall-timeout-seconds NaN", "--stall-timeout-seconds")]
    [InlineData("restore --url " + Archive + " " + Node + " --target {dir}/t --retries -1", "--retries must be ≥ 0")]
    [InlineData("restore --url " + Archive + " " + Node + " --target {dir}/t --retry-delay-seconds -1", "--retry-delay-seconds must be ≥ 0")]
    [InlineData("restore --url " + Archive + " " + Node + " --target {dir}/t --progress-interval-seconds 0", "--progress-interval-seconds")]
    [InlineData("restore-newest --index http://127.0.0.1:9/mainnet/snapshots.json --network foonet --implementation zebrad --db-major 28 --target {dir}/t", "invalid network")]
    [InlineData("create --source {dir}/src --network foonet --implementation zebrad --db-major 28 --height 5 --output {dir}/o.tar.zst", "invalid network")]
    [InlineData("create --source {dir}/src " + Node + " --height -5 --output {dir}/o.tar.zst", "--height must be ≥ 0")]
    [InlineData("create --source {dir}/src " + Node + " --height 5 --level 99 --output {dir}/o.tar.zst", "--level must be between 1 and 19")]
    [InlineData("publish --to http://bucket.example/p --archive {dir}/a.tar.zst", "--to must be s3://bucket/prefix")]
    [InlineData("publish --to s3://b/p --archive {dir}/a.tar.zst --keep -1", "--keep must be ≥ 0")]
    [InlineData("publish --to file://{dir}/store --archive {dir}/a.tar.zst --lock-ttl-seconds 0", "--lock-ttl-seconds")]
    [InlineData("verify --file {dir}/a.tar.zst --network foonet --implementation zebrad --db-major 28", "invalid network")]
    [InlineData("verify --file {dir}/a.tar.zst --retries -3", "--retries")]
    [InlineData("target-height --output {dir}/h --height 5 --stall-timeout-seconds -1", "--stall-timeout-seconds")]
    [InlineData("create --source {dir}/src " + Node + " --height 5 --output {dir}/o.zip", "--output must end in .tar.zst, .tar.gz or .tar")]
    [InlineData("verify --file {dir}/a.tar.zst --network mainnet", "--network, --implementation and --db-major go together")]
    [InlineData("publish --to s3://b/p --archive {dir}/a.tar.zst --max-age-days Infinity", "--max-age-days")]
    [InlineData("publish --to gs://b/p --archive {dir}/a.tar.zst --upload-connections 0", "--upload-connections must be ≥ 1")]
    [InlineData("publish --to gs://b/p --archive {dir}/a.tar.zst --upload-part-bytes 1048576", "--upload-part-bytes must be ≥ 5242880")]
    [InlineData("frobnicate --target {dir}/t", "frobnicate")]
    [InlineData("restore --frobnicate " + Node + " --url " + Archive + " --target {dir}/t", "--frobnicate")]
    public async Task InvalidCommandLine_IsExit2_OneLine_NothingCreated(string line, string expected)
    {
        var result = await AgentRun.RunAsync(Line(line));

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        RestoreAssert.OneErrorLine(result, expected);
        Assert.DoesNotContain("Required command was not provided", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Error, StringComparison.Ordinal);
        Assert.Equal([], Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Theory]
    [InlineData("restore", "--target")]
    [InlineData("create", "--output")]
    public async Task EmptyPath_IsAUsageError(string command, string option)
    {
        string[] args = command == "restore"
            ? ["restore", "--url", Archive, .. Node.Split(' '), "--target", ""]
            : ["create", "--source", _dir.Path, .. Node.Split(' '), "--height", "5", "--output", ""];

        var result = await AgentRun.RunAsync(args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        RestoreAssert.OneErrorLine(result, $"{option} must be a path");
    }

    [Fact]
    public async Task TargetThatIsAFile_IsAUsageError_AndTheFileIsKept()
    {
        var file = _dir.Combine("not-a-dir");
        File.WriteAllText(file, "keep me");

        var result = await AgentRun.RunAsync(Line($"restore --url {Archive} {Node} --target {file}"));

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        RestoreAssert.OneErrorLine(result, $"--target {file} is a file, not a directory");
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.Equal([file], Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public async Task CreateFromAMissingSource_IsAUsageError()
    {
        var result = await AgentRun.RunAsync(Line($"create --source {{dir}}/missing {Node} --height 5 --output {{dir}}/o.tar.zst"));

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        RestoreAssert.OneErrorLine(result, "missing is not a directory");
        Assert.Equal([], Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    // sysfs refuses to create anything, for root too: a target the agent cannot write on any Linux
    // machine, without privileges or mounts (the tests may run as root, which ignores file modes).
    [Theory]
    [InlineData("/sys/fs")]
    [InlineData("/sys/fs/snapshot-agent-target")]
    public async Task TargetOnAVolumeThatCannotBeWritten_IsExit6_OneLine(string target)
    {
        var result = await AgentRun.RunAsync(Line($"restore --url {Archive} {Node} --target {target}"));

        Assert.True(result.ExitCode == ExitCodes.Disk, result.ToString());
        RestoreAssert.OneErrorLine(result, target);
        Assert.DoesNotContain("IOException", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify --file {dir}/missing.tar.zst", "--file {dir}/missing.tar.zst does not exist")]
    [InlineData("publish --to file://{dir}/store --archive {dir}/missing.tar.zst", "publish needs --archive {dir}/missing.tar.zst")]
    public async Task MissingInputFile_IsAUsageError(string line, string expected)
    {
        var result = await AgentRun.RunAsync(Line(line));

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        RestoreAssert.OneErrorLine(result, expected.Replace("{dir}", _dir.Path, StringComparison.Ordinal));
        Assert.Equal([], Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public async Task MissingFileUrl_IsFinal_NotRetried()
    {
        var missing = new Uri(_dir.Combine("missing.tar.zst"));

        var result = await AgentRun.RunAsync(["verify", "--url", missing.ToString(), "--sha256", new string('a', 64), "--retry-delay-seconds", "5"]);

        Assert.True(result.ExitCode == ExitCodes.Network, result.ToString());
        RestoreAssert.OneErrorLine(result, $"{missing.LocalPath} not found");
        Assert.DoesNotContain("retrying", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetHeightIntoADirectoryThatCannotBeWritten_IsExit6_OneLine()
    {
        var result = await AgentRun.RunAsync(["target-height", "--output", "/sys/fs/snapshot-agent-height", "--height", "5"]);

        Assert.True(result.ExitCode == ExitCodes.Disk, result.ToString());
        RestoreAssert.OneErrorLine(result, "cannot write /sys/fs/snapshot-agent-height");
    }

    [Fact]
    public async Task CreateIntoADirectoryThatCannotBeWritten_IsExit6_OneLine()
    {
        var source = StateTrees.Zebra(_dir.Combine("src"), files: 1, fileSize: 1000);

        var result = await AgentRun.RunAsync(Line($"create --source {source} {Node} --height 5 --output /sys/fs/o.tar.zst"));

        Assert.True(result.ExitCode == ExitCodes.Disk, result.ToString());
        RestoreAssert.OneErrorLine(result, "cannot write /sys/fs/o.tar.zst");
    }

    public void Dispose() => _dir.Dispose();
}
