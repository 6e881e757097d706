using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests.Workflows;

/// <summary>
/// renovate.json's custom regex managers (Renovate docs, modules/manager/regex: managerFilePatterns
/// as /regex/ over repository paths, matchStrings with a currentValue group) against the files in
/// this repository: each manager must find the pin it is for, so moving or renaming a pin breaks
/// this test instead of silently ending its updates.
/// </summary>
public class RenovateConfigTests
{
    private static JsonArray Managers() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "renovate.json")))!["customManagers"]!.AsArray();

    private static IEnumerable<string> RepoFiles() =>
        Directory.EnumerateFiles(RepoPaths.Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.StartsWith(".git/", StringComparison.Ordinal));

    /// <summary>Every currentValue a manager extracts, with the file it came from.</summary>
    private static List<(string File, string Value)> Matches(JsonNode manager)
    {
        var patterns = manager["managerFilePatterns"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.All(patterns, p => Assert.True(p.Length > 2 && p[0] == '/' && p[^1] == '/', $"managerFilePatterns entry {p} is not a /regex/"));
        var fileRegexes = patterns.Select(p => new Regex(p[1..^1], RegexOptions.CultureInvariant)).ToList();
        var matchRegexes = manager["matchStrings"]!.AsArray().Select(m => new Regex(m!.GetValue<string>(), RegexOptions.CultureInvariant)).ToList();
        var found = new List<(string, string)>();
        foreach (var file in RepoFiles().Where(f => fileRegexes.Any(r => r.IsMatch(f))))
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Root, file));
            found.AddRange(matchRegexes.SelectMany(r => r.Matches(text)).Select(m => (file, m.Groups["currentValue"].Value)));
        }

        return found;
    }

    [Fact]
    public void Every_custom_manager_matches_at_least_one_pin()
    {
        var managers = Managers();
        Assert.NotEmpty(managers);
        foreach (var manager in managers)
        {
            Assert.Equal("regex", manager!["customType"]!.GetValue<string>());
            Assert.NotNull(manager["datasourceTemplate"]);
            Assert.NotNull(manager["depNameTemplate"]);
            var matches = Matches(manager);
            Assert.True(matches.Count > 0, $"the Renovate manager for {manager["depNameTemplate"]} matches no pin in the repository");
            Assert.All(matches, m => Assert.Matches(@"^v?\d+\.\d+\.\d+$", m.Value));
        }
    }

    [Theory]
    [InlineData("zfnd/zebra")]
    [InlineData("electriccoinco/zcashd")]
    [InlineData("tektoncd/pipeline")]
    [InlineData("tektoncd/triggers")]
    [InlineData("tektoncd/dashboard")]
    [InlineData("kedacore/keda")]
    public void The_pins_that_decide_what_runs_each_have_a_manager(string dependency) =>
        Assert.Contains(Managers(), m => m!["depNameTemplate"]!.GetValue<string>() == dependency);

    [Fact]
    public void The_managers_read_the_pins_the_code_uses()
    {
        string Single(string dependency) =>
            Assert.Single(Matches(Managers().Single(m => m!["depNameTemplate"]!.GetValue<string>() == dependency)!)).Value;

        Assert.Equal(TektonReleases.DefaultPipelines, Single("tektoncd/pipeline"));
        Assert.Equal(TektonReleases.DefaultTriggers, Single("tektoncd/triggers"));
        Assert.Equal(TektonReleases.DefaultDashboard, Single("tektoncd/dashboard"));
        Assert.Equal(KedaReleases.DefaultVersion, Single("kedacore/keda"));

        // Every zebrad node set version in the stacks is found (one match per implementation: zebrad entry).
        var zebrad = Matches(Managers().Single(m => m!["depNameTemplate"]!.GetValue<string>() == "zfnd/zebra")!);
        foreach (var stack in new[] { "Pulumi.dev.yaml", "Pulumi.prod.yaml" })
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Root, stack));
            Assert.Equal(Regex.Matches(text, "implementation: zebrad").Count, zebrad.Count(m => m.File == stack));
        }
    }
}
