using Moq;
using ZcashInfra.Automation.Cli;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Automation.Tests;

public class AutomationCliTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(IStackWorkspace workspace, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AutomationCli.RunAsync(args, workspace, RepoPaths.Root, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Outputs_are_printed_as_json_with_secrets_masked()
    {
        var stack = new Mock<IStackSession>();
        stack.Setup(s => s.GetOutputsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, StackOutput>
        {
            ["snapshotBucket"] = new("zcash-infra-dev-zcash-snapshots-dev", false),
            ["rpcPassword"] = new("do-not-print-me", true),
        });
        var workspace = new Mock<IStackWorkspace>();
        workspace.Setup(w => w.CreateOrSelectAsync("dev", It.IsAny<CancellationToken>())).ReturnsAsync(stack.Object);

        var (exit, output, _) = await Run(workspace.Object, "outputs", "dev");

        Assert.Equal(0, exit);
        Assert.Contains("\"snapshotBucket\": \"zcash-infra-dev-zcash-snapshots-dev\"", output, StringComparison.Ordinal);
        Assert.Contains("\"rpcPassword\": \"[secret]\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-print-me", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_with_bad_settings_fails_before_the_pulumi_cli_is_touched()
    {
        var workspace = new Mock<IStackWorkspace>(MockBehavior.Strict);
        var (exit, _, error) = await Run(workspace.Object, "preview", "no-such-stack");
        Assert.Equal(1, exit);
        Assert.Contains("Pulumi.no-such-stack.yaml: no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ephemeral_down_of_an_unknown_environment_fails_with_a_clear_message_and_creates_no_stack()
    {
        var workspace = new Mock<IStackWorkspace>(MockBehavior.Strict);
        workspace.Setup(w => w.SelectAsync("eph-nobody-testnet-latest-0", It.IsAny<CancellationToken>())).ReturnsAsync((IStackSession?)null);

        var (exit, _, error) = await Run(workspace.Object, "ephemeral", "down", "eph-nobody-testnet-latest-0");

        Assert.Equal(1, exit);
        Assert.Contains("✗ ephemeral eph-nobody-testnet-latest-0: no such environment", error, StringComparison.Ordinal);
        workspace.Verify(w => w.CreateOrSelectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Destroy_requires_confirmation()
    {
        var workspace = new Mock<IStackWorkspace>(MockBehavior.Strict);
        var (exit, _, error) = await Run(workspace.Object, "destroy", "dev");
        Assert.Equal(2, exit);
        Assert.Contains("--yes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_prints_the_change_summary_and_streams_engine_output_to_stderr()
    {
        var stack = new Mock<IStackSession>();
        stack.Setup(s => s.PreviewAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>()))
            .Callback<Action<string>, CancellationToken>((p, _) => p("+ gcp:storage/bucket:Bucket snapshots-bucket create"))
            .ReturnsAsync(new ChangeSummary(new Dictionary<string, int> { ["create"] = 3, ["same"] = 1 }));
        var workspace = new Mock<IStackWorkspace>();
        workspace.Setup(w => w.CreateOrSelectAsync("dev", It.IsAny<CancellationToken>())).ReturnsAsync(stack.Object);

        var (exit, output, error) = await Run(workspace.Object, "preview", "dev");

        Assert.Equal(0, exit);
        Assert.Contains("create: 3", output, StringComparison.Ordinal);
        Assert.Contains("snapshots-bucket create", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ephemeral_up_prints_the_stack_and_endpoint()
    {
        var stack = new Mock<IStackSession>();
        stack.SetupGet(s => s.Name).Returns("eph-me-regtest-latest-x");
        stack.Setup(s => s.UpAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, StackOutput>
        {
            ["rpcEndpoints"] = new(new Dictionary<string, object> { ["node"] = "node-0.node:18232" }, false),
        });
        var workspace = new Mock<IStackWorkspace>();
        workspace.Setup(w => w.CreateOrSelectAsync(It.Is<string>(n => n.StartsWith("eph-me-regtest-latest-", StringComparison.Ordinal)), It.IsAny<CancellationToken>()))
            .ReturnsAsync(stack.Object);

        var (exit, output, error) = await Run(workspace.Object, "ephemeral", "up", "--network", "regtest", "--version", "6.3.0", "--owner", "me");

        Assert.True(exit == 0, error);
        Assert.Contains("\"rpcEndpoint\":\"node-0.node:18232\"", output, StringComparison.Ordinal);
    }
}
