using ZcashInfra.SnapshotAgent.Cli;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>The public parser other code uses to check rendered container command lines.</summary>
public class AgentCliTests
{
    [Theory]
    [InlineData("restore --index https://snapshots.example/mainnet/snapshots.json --network mainnet --implementation zebrad --db-major 28 --target /var/cache/zebra")]
    [InlineData("restore --url https://x/a.tar.zst --sha256 0088036876d21ab5718c1d7d1727c9d9fcdb4bf8b2452d96cbfbdee87ca50c62 --network testnet --implementation zcashd --db-major 1 --txindex --insightexplorer --lightwalletd --target /srv --replace --retries 3 --stall-timeout-seconds 10 --retry-delay-seconds 1 --progress-interval-seconds 5")]
    [InlineData("create --source /var/cache/zebra --network mainnet --implementation zebrad --db-major 28 --height 3000000 --output /out/s.tar.zst --level 5 --zebrad-version 6.3.0")]
    [InlineData("publish --to s3://bucket/snapshots --archive /out/s.tar.zst --keep 3 --max-age-days 30 --owner job-1 --lock-ttl-seconds 600 --lock-wait-seconds 60 --s3-endpoint http://127.0.0.1:9000 --s3-region us-east-1")]
    [InlineData("publish --to gs://bucket/snapshots --archive /out/s.tar.zst --public-base-url https://snapshots.example/ --gcs-endpoint http://127.0.0.1:1/")]
    [InlineData("verify --file /out/s.tar.zst --network mainnet --implementation zebrad --db-major 28")]
    [InlineData("verify --url https://x/a.tar.zst --sha256 0088036876d21ab5718c1d7d1727c9d9fcdb4bf8b2452d96cbfbdee87ca50c62")]
    [InlineData("restore --index s3://zcash-snapshots/prod/mainnet/snapshots.json --height 3000000 --network mainnet --implementation zebrad --db-major 28 --target /var/cache/zebra --s3-region eu-west-1")]
    [InlineData("restore --url gs://zcash-snapshots/dev/testnet/a.tar.zst --network testnet --implementation zebrad --db-major 28 --target /t --gcs-endpoint http://127.0.0.1:1/ --gcs-metadata-url http://127.0.0.1:2/token")]
    [InlineData("restore --index https://x/mainnet/snapshots.json --height 0 --network mainnet --implementation zebrad --db-major 28 --target /t --s3-endpoint http://127.0.0.1:9000")]
    [InlineData("verify --index gs://b/p/mainnet/snapshots.json --height 5 --network mainnet --implementation zebrad --db-major 28 --gcs-endpoint http://127.0.0.1:1/")]
    [InlineData("verify --url s3://b/a.tar.zst --s3-endpoint http://127.0.0.1:9000 --s3-region us-east-1")]
    [InlineData("publish --to gs://bucket/snapshots --archive /out/s.tar.zst --gcs-metadata-url http://127.0.0.1:2/token")]
    public void Parse_AcceptsDocumentedCommandLines(string line)
    {
        Assert.Empty(AgentCli.Parse(line.Split(' ')));
    }

    [Theory]
    [InlineData("restore --index https://x/mainnet/snapshots.json --network mainnet --implementation zebrad --db-version 28 --target /t", "--db-version")]
    [InlineData("restore --index https://x/s.json --url https://x/a.tar.zst --network mainnet --implementation zebrad --db-major 28 --target /t", "exactly one of --index or --url")]
    [InlineData("restore --network mainnet --implementation zebrad --db-major 28 --target /t", "exactly one of --index or --url")]
    [InlineData("restore --url https://x/a.tar.zst --sha256 abc --network mainnet --implementation zebrad --db-major 28 --target /t", "64 hex digits")]
    [InlineData("restore --url https://x/a.tar.zst --network mainnet --implementation geth --db-major 28 --target /t", "geth")]
    [InlineData("restore --url ftp://x/a.tar.zst --network mainnet --implementation zebrad --db-major 28 --target /t", "http(s)://")]
    [InlineData("restore --url https://x/a.tar.zst --network main/net --implementation zebrad --db-major 28 --target /t", "invalid network")]
    [InlineData("create --source /s --network mainnet --implementation zebrad --db-major 28 --output /o.tar.zst", "--height")]
    [InlineData("publish --archive /o.tar.zst", "--to")]
    [InlineData("verify --url https://x/a.tar.zst --file /a.tar.zst", "exactly one of --url, --file or --index")]
    [InlineData("publish --to s3://b/p --archive /a.tar.zst --s3-endpoint not-a-url", "--s3-endpoint")]
    [InlineData("restore --url https://x/a.tar.zst --height 5 --network mainnet --implementation zebrad --db-major 28 --target /t", "--height needs --index")]
    [InlineData("restore --index https://x/mainnet/snapshots.json --height -1 --network mainnet --implementation zebrad --db-major 28 --target /t", "--height must be ≥ 0")]
    [InlineData("restore --index s3://bucket-only --network mainnet --implementation zebrad --db-major 28 --target /t", "s3://bucket/key")]
    [InlineData("restore --url gs:///no-bucket.tar.zst --network mainnet --implementation zebrad --db-major 28 --target /t", "gs://bucket/key")]
    [InlineData("verify --index https://x/mainnet/snapshots.json", "--index needs --network, --implementation and --db-major")]
    [InlineData("verify --file /a.tar.zst --height 5", "--height needs --index")]
    [InlineData("verify --file /a.tar.zst --index https://x/mainnet/snapshots.json --network mainnet --implementation zebrad --db-major 28", "exactly one of --url, --file or --index")]
    public void Parse_ReportsWhatIsWrong(string line, string expected)
    {
        var errors = AgentCli.Parse(line.Split(' '));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void BuildRoot_HasTheFourCommands()
    {
        var root = AgentCli.BuildRoot();
        Assert.Equal(AgentCli.Commands, root.Subcommands.Select(c => c.Name));
    }

    [Fact]
    public async Task Run_UsageErrorExitsWithUsageCodeAndSaysWhy()
    {
        var result = await AgentRun.RunAsync("restore", "--url", "https://x/a.tar.zst", "--implementation", "zebrad", "--db-major", "28", "--target", "/t");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--network", result.Error, StringComparison.Ordinal);
    }
}
