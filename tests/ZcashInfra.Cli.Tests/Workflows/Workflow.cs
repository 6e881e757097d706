using System.Text.Json.Nodes;
using ZcashInfra.Components.Yaml;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests.Workflows;

/// <summary>A GitHub Actions workflow file, parsed (YAML 1.2 core schema: <c>on</c> stays a key).</summary>
internal sealed record Workflow(string File, string Text, JsonObject Root)
{
    public const string Folder = ".github/workflows";

    public static IEnumerable<string> Files => Directory.EnumerateFiles(RepoPaths.At(Folder), "*.yml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static Workflow Load(string file)
    {
        var text = System.IO.File.ReadAllText(RepoPaths.At(Folder, file));
        return new Workflow(file, text, YamlJson.Parse(text) as JsonObject ?? throw new InvalidDataException($"{file}: not a mapping"));
    }

    public JsonObject Jobs => Root["jobs"]!.AsObject();

    public JsonObject Job(string name) => Jobs[name]?.AsObject() ?? throw new KeyNotFoundException($"{File}: no job '{name}'");

    /// <summary>Every step of every job, with its job's name.</summary>
    public IEnumerable<(string Job, JsonObject Step)> Steps =>
        Jobs.SelectMany(j => (j.Value!["steps"]?.AsArray() ?? []).Select(s => (j.Key, s!.AsObject())));

    /// <summary>Every shell script a step runs.</summary>
    public IEnumerable<string> Scripts => Steps.Select(s => s.Step["run"]?.GetValue<string>()).OfType<string>();

    public static string? Uses(JsonObject step) => step["uses"]?.GetValue<string>();
}
