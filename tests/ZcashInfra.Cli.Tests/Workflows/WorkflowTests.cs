using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests.Workflows;

public partial class WorkflowTests
{
    public static TheoryData<string> Files() => [.. Workflow.Files];

    [Fact]
    public void The_workflows_are_the_ones_described_in_the_readme() =>
        Assert.Equal(["deploy.yml", "preview-comment.yml", "preview.yml", "pulumi.yml"], Workflow.Files);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_action_is_pinned_by_commit_and_given_only_inputs_it_has(string file)
    {
        var workflow = Workflow.Load(file);
        foreach (var (job, step) in workflow.Steps.Where(s => Workflow.Uses(s.Step) is not null))
        {
            var uses = Workflow.Uses(step)!;
            Assert.True(PinnedActions.Known.TryGetValue(uses, out var action), $"{file} {job}: {uses} is not a pinned, known action (owner/name@<40-hex commit>)");
            var with = step["with"]?.AsObject().Select(kv => kv.Key).ToList() ?? [];
            Assert.All(with, input => Assert.True(action!.Inputs.Contains(input), $"{file} {job}: {uses} has no input '{input}'"));
            Assert.All(action!.Required, input => Assert.Contains(input, with));
        }

        // Each pin carries the version it stands for, so an update is reviewable.
        foreach (Match pin in PinnedUse().Matches(workflow.Text))
        {
            Assert.Matches(@"# v\d+\.\d+\.\d+$", pin.Value);
        }

        Assert.DoesNotMatch(@"uses: [^.][^@\n]*@(?![0-9a-f]{40}\b)", workflow.Text);
    }

    [Fact]
    public void Pull_requests_are_built_tested_and_diffed_without_credentials()
    {
        var preview = Workflow.Load("preview.yml");
        Assert.True(preview.Root["on"]!.AsObject().ContainsKey("pull_request"));
        Assert.False(preview.Root["on"]!.AsObject().ContainsKey("pull_request_target"), "pull_request_target would run fork code with secrets");
        Assert.Equal("{\"contents\":\"read\"}", preview.Root["permissions"]!.ToJsonString());

        var test = Scripts(preview.Job("test"));
        // The runners reach nuget.org: the whole solution, infra/ included, not only the offline suite.
        Assert.Contains("dotnet build ZcashInfra.sln", test, StringComparison.Ordinal);
        Assert.Contains("scripts/test.sh --solution --no-build", test, StringComparison.Ordinal);
        Assert.DoesNotContain("Offline.slnf", test, StringComparison.Ordinal);
        Assert.Equal("10.0.x", preview.Job("test")["steps"]!.AsArray().Single(s => Workflow.Uses(s!.AsObject())?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true)!["with"]!["dotnet-version"]!.GetValue<string>());

        var diff = preview.Job("diff");
        Assert.DoesNotContain("secrets.", diff.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0L, diff["steps"]![0]!["with"]!["fetch-depth"]!.GetValue<long>());
        Assert.Contains("diff --base \"$BASE_SHA\" --format markdown > preview/diff.md", Scripts(diff), StringComparison.Ordinal);
        Assert.Equal("${{ github.event.pull_request.base.sha }}", diff["steps"]!.AsArray().Single(s => s!["env"]?["BASE_SHA"] is not null)!["env"]!["BASE_SHA"]!.GetValue<string>());
    }

    /// <summary>
    /// A GitHub runner has no ../shared: the test jobs run the README's test command, which fetches
    /// the schemas (the provider indexes are committed) and installs the moto server before it
    /// tests, so a fresh machine with only the .NET SDK needs nothing else.
    /// </summary>
    [Theory]
    [InlineData("preview.yml")]
    [InlineData("deploy.yml")]
    public void The_test_jobs_run_the_test_command_that_installs_its_prerequisites(string file)
    {
        var steps = Workflow.Load(file).Job("test")["steps"]!.AsArray().Select(s => s!["run"]?.GetValue<string>() ?? string.Empty).ToList();
        Assert.Contains(steps, s => s.StartsWith("scripts/test.sh --solution", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => s.Contains("shared", StringComparison.Ordinal) || s.Contains("--provider-indexes", StringComparison.Ordinal));

        var script = File.ReadAllText(RepoPaths.At("scripts", "test.sh"));
        int At(string text) => script.IndexOf(text, StringComparison.Ordinal);
        Assert.True(At("scripts/fetch-schemas.sh") >= 0, "test.sh: no schema step");
        Assert.True(At("moto[server]") >= 0, "test.sh: no moto step");
        Assert.True(At("scripts/fetch-schemas.sh") < At("exec dotnet test") && At("moto[server]") < At("exec dotnet test"), "test.sh: prerequisites after the tests");
        Assert.True(File.Exists(RepoPaths.At("scripts", "fetch-schemas.sh")));
    }

    [Fact]
    public void Pulumi_preview_runs_for_every_stack_only_for_pull_requests_from_the_repository()
    {
        var job = Workflow.Load("preview.yml").Job("pulumi-preview");
        Assert.Equal("github.event.pull_request.head.repo.full_name == github.repository", job["if"]!.GetValue<string>());
        Assert.Equal("./.github/workflows/pulumi.yml", job["uses"]!.GetValue<string>());
        Assert.Equal("preview", job["with"]!["command"]!.GetValue<string>());
        var stacks = job["strategy"]!["matrix"]!["stack"]!.AsArray().Select(s => s!.GetValue<string>());
        Assert.Equal(StackFiles.In(RepoPaths.Root), stacks);
        Assert.Equal("write", job["permissions"]!["id-token"]!.GetValue<string>());
        Assert.Equal("write", job["permissions"]!["pull-requests"]!.GetValue<string>());
    }

    [Fact]
    public void The_pulumi_job_sets_up_dotnet_and_credentials_before_pulumi_actions_and_comments_previews()
    {
        var pulumi = Workflow.Load("pulumi.yml");
        var steps = pulumi.Job("pulumi")["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        int Index(string action) => steps.FindIndex(s => Workflow.Uses(s)?.StartsWith(action + "@", StringComparison.Ordinal) == true);

        var action = Index("pulumi/actions");
        Assert.True(Index("actions/setup-dotnet") is >= 0 and var dotnet && dotnet < action, "actions/setup-dotnet must come before pulumi/actions");
        Assert.True(Index("google-github-actions/auth") < action && Index("aws-actions/configure-aws-credentials") < action);
        var with = steps[action]["with"]!;
        Assert.Equal("${{ inputs.command }}", with["command"]!.GetValue<string>());
        Assert.Equal("${{ inputs.stack }}", with["stack-name"]!.GetValue<string>());
        Assert.Equal("${{ inputs.command == 'preview' }}", with["comment-on-pr"]!.GetValue<string>());
        Assert.True(with["diff"]!.GetValue<bool>());
        Assert.Equal(Components.PreviewPipeline.PreviewSteps.PulumiVersionFile, with["pulumi-version-file"]!.GetValue<string>());
        Assert.Equal("${{ secrets.PULUMI_ACCESS_TOKEN }}", steps[action]["env"]!["PULUMI_ACCESS_TOKEN"]!.GetValue<string>());

        // A Tekton upgrade re-applies the release over the feature flags its patch forced: only a forced
        // apply (pulumi-kubernetes await.go patchForce) gets through.
        var force = TektonComponent.ForceApplyEnvironment;
        Assert.Equal(force.Value, steps[action]["env"]![force.Name]!.GetValue<string>());
        Assert.Equal("${{ inputs.environment }}", pulumi.Job("pulumi")["environment"]!.GetValue<string>());

        // A called workflow's permissions would narrow the caller's: OIDC and PR comments need the caller's grant.
        Assert.Null(pulumi.Root["permissions"]);
        Assert.Null(pulumi.Job("pulumi")["permissions"]);
        var callers = new[] { Workflow.Load("preview.yml").Job("pulumi-preview"), Workflow.Load("deploy.yml").Job("dev"), Workflow.Load("deploy.yml").Job("prod") };
        Assert.All(callers, caller => Assert.Equal("write", caller["permissions"]!["id-token"]!.GetValue<string>()));

        // Cloud and cluster come from stack-info's keys, not from copies in the workflow.
        var keys = StackInfoCommand.Describe("dev", StackConfig("dev")).Select(k => k.Key).ToHashSet();
        foreach (Match output in StackOutput().Matches(pulumi.Text))
        {
            Assert.Contains(output.Groups[1].Value, keys);
        }

        Assert.Equal(["aws", "gcp"], StackCondition().Matches(pulumi.Text).Select(m => m.Groups[1].Value).Distinct().Order());
    }

    [Fact]
    public void Main_deploys_dev_then_prod_behind_the_production_environment()
    {
        var deploy = Workflow.Load("deploy.yml");
        Assert.Equal("[\"main\"]", deploy.Root["on"]!["push"]!["branches"]!.ToJsonString());
        var dev = deploy.Job("dev");
        var prod = deploy.Job("prod");
        Assert.Equal("up", dev["with"]!["command"]!.GetValue<string>());
        Assert.Equal("dev", dev["with"]!["stack"]!.GetValue<string>());
        Assert.Equal("up", prod["with"]!["command"]!.GetValue<string>());
        Assert.Equal("prod", prod["with"]!["stack"]!.GetValue<string>());
        Assert.Equal("production", prod["with"]!["environment"]!.GetValue<string>());
        Assert.Equal("dev", prod["needs"]!.GetValue<string>());
        Assert.Equal("test", dev["needs"]!.GetValue<string>());
        Assert.False(deploy.Root["concurrency"]!["cancel-in-progress"]!.GetValue<bool>());
    }

    [Fact]
    public void The_comment_workflow_never_runs_pull_request_code()
    {
        var comment = Workflow.Load("preview-comment.yml");
        Assert.Equal(Workflow.Load("preview.yml").Root["name"]!.GetValue<string>(), comment.Root["on"]!["workflow_run"]!["workflows"]![0]!.GetValue<string>());
        Assert.DoesNotContain(comment.Steps, s => Workflow.Uses(s.Step)?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("dotnet", comment.Text, StringComparison.Ordinal);
        Assert.Equal("{}", comment.Root["permissions"]!.ToJsonString());

        // The artifact is data from the pull request: its number is checked against the run's commit.
        Assert.Contains("*[!0-9]*", string.Concat(comment.Scripts), StringComparison.Ordinal);
        Assert.Contains("\"$head\" != \"$HEAD_SHA\"", string.Concat(comment.Scripts), StringComparison.Ordinal);
        Assert.Equal("preview-diff", comment.Steps.Single(s => s.Step["with"]?["run-id"] is not null).Step["with"]!["name"]!.GetValue<string>());
        Assert.Equal("preview/diff.md", comment.Steps.Single(s => s.Step["with"]?["header"] is not null).Step["with"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void Expressions_reach_scripts_only_through_the_environment()
    {
        // ${{ … }} inside run: is pasted into the script before the shell sees it: injection.
        foreach (var file in Workflow.Files)
        {
            Assert.All(Workflow.Load(file).Scripts, script => Assert.DoesNotContain("${{", script, StringComparison.Ordinal));
        }
    }

    private static string Scripts(JsonObject job) =>
        string.Join('\n', (job["steps"]?.AsArray() ?? []).Select(s => s!["run"]?.GetValue<string>()).OfType<string>());

    private static Stacks.Settings.StackSettings StackConfig(string stack) =>
        Stacks.Loading.StackConfigFile.Load(RepoPaths.Root, stack).Settings!;

    [GeneratedRegex(@"uses: [a-z0-9-]+/[a-z0-9-]+@[0-9a-f]{40}.*$", RegexOptions.Multiline)]
    private static partial Regex PinnedUse();

    [GeneratedRegex(@"steps\.stack\.outputs\.([a-z]+)")]
    private static partial Regex StackOutput();

    [GeneratedRegex(@"steps\.stack\.outputs\.cloud == '([a-z]+)'")]
    private static partial Regex StackCondition();
}
