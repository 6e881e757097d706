using System.Text.RegularExpressions;

namespace ZcashInfra.Cli;

/// <summary>Stack configuration files: <c>Pulumi.&lt;stack&gt;.yaml</c> beside <c>Pulumi.yaml</c>.</summary>
internal static partial class StackFiles
{
    public static string FileName(string stack) => $"Pulumi.{stack}.yaml";

    /// <summary>The stack a file name configures, or null for Pulumi.yaml and anything else.</summary>
    public static string? StackOf(string fileName) => StackFile().Match(fileName) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The stacks configured in a directory, sorted.</summary>
    public static IReadOnlyList<string> In(string directory) =>
        [.. Directory.EnumerateFiles(directory, "Pulumi.*.yaml").Select(f => StackOf(Path.GetFileName(f))).OfType<string>().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^Pulumi\.([A-Za-z0-9_.-]+)\.yaml$")]
    private static partial Regex StackFile();
}
