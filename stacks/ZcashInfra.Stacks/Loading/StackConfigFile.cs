using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Yaml;

namespace ZcashInfra.Stacks.Loading;

/// <summary>
/// Reads <c>Pulumi.&lt;stack&gt;.yaml</c> offline: the <c>config:</c> section's <c>zcash-infra:</c>
/// keys, with <c>secure:</c> values carried as <see cref="Secret"/>s (never decrypted here).
/// </summary>
public static class StackConfigFile
{
    /// <summary>Configuration namespaces of other packages that may appear beside ours.</summary>
    private static readonly HashSet<string> ForeignNamespaces = new(StringComparer.Ordinal) { "pulumi", "gcp", "aws", "kubernetes" };

    /// <summary>The file name Pulumi uses for a stack's configuration.</summary>
    public static string FileName(string stack) => $"Pulumi.{stack}.yaml";

    /// <summary>Loads and validates the settings of a stack from the project directory.</summary>
    public static SettingsResult Load(string projectDirectory, string stack)
    {
        var file = Path.Combine(projectDirectory, FileName(stack));
        if (!File.Exists(file))
        {
            var known = Stacks(projectDirectory);
            var list = known.Count == 0 ? "there is no Pulumi.<stack>.yaml here at all" : "the stacks here are: " + string.Join(", ", known);
            return new SettingsResult(stack, null, [$"{FileName(stack)}: no such file in {Path.GetFullPath(projectDirectory)}: '{stack}' is not a stack of this project ({list})"]);
        }

        return Parse(stack, File.ReadAllText(file), FileName(stack));
    }

    /// <summary>The stacks configured in a directory (one <c>Pulumi.&lt;stack&gt;.yaml</c> each), sorted.</summary>
    public static IReadOnlyList<string> Stacks(string projectDirectory) =>
        !Directory.Exists(projectDirectory) ? []
        : [.. Directory.EnumerateFiles(projectDirectory, "Pulumi.*.yaml")
            .Select(Path.GetFileName)
            .Select(f => f![..^".yaml".Length]["Pulumi.".Length..])
            .Where(s => s.Length > 0 && !s.Contains('/', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>Parses and validates stack configuration text.</summary>
    public static SettingsResult Parse(string stack, string yaml, string fileName)
    {
        JsonNode? document;
        try
        {
            document = YamlJson.Parse(yaml, SecureValue);
        }
        catch (YamlException e)
        {
            return new SettingsResult(stack, null, [$"{fileName}:{YamlErrorLine(yaml, e)}: not valid YAML: {e.Message}"]);
        }

        if (document is not JsonObject root)
        {
            return new SettingsResult(stack, null, [$"{fileName}: expected a mapping with a config: section"]);
        }

        var keys = new List<KeyValuePair<string, JsonNode?>>();
        var errors = new List<string>();
        if (root["config"] is JsonObject config)
        {
            foreach (var (fullKey, value) in config)
            {
                var colon = fullKey.IndexOf(':', StringComparison.Ordinal);
                var ns = colon < 0 ? Settings.SettingsPath.Namespace : fullKey[..colon];
                var key = colon < 0 ? fullKey : fullKey[(colon + 1)..];
                if (ns == Settings.SettingsPath.Namespace)
                {
                    keys.Add(KeyValuePair.Create(key, value is null ? null : InputTree.Copy(value, fullKey)));
                }
                else if (!ForeignNamespaces.Contains(ns))
                {
                    errors.Add($"{fullKey}: unknown configuration namespace '{ns}' (this project's is '{Settings.SettingsPath.Namespace}')");
                }
            }
        }
        else if (root["config"] is not null)
        {
            errors.Add($"{fileName}: config: must be a mapping");
        }

        var result = SettingsReader.Read(stack, keys, SecretSource.Ciphertext);
        var all = errors.Count == 0 ? result : result with { Settings = null, Errors = [.. errors, .. result.Errors] };
        if (all.Errors.Count == 0)
        {
            return all;
        }

        // Every problem names the file and, where the key is in it, the line.
        var lines = KeyLines(yaml);
        return all with { LocatedErrors = [.. all.Errors.Select(e => e.StartsWith(fileName + ":", StringComparison.Ordinal) ? e : $"{fileName}{LineOf(e, lines)}: {e}")] };
    }

    /// <summary>
    /// Every <c>zcash-infra:</c> string value of a stack file that is a documentation placeholder
    /// (see <see cref="ExampleValues"/>), as <c>file:line: zcash-infra:path: value — why</c>.
    /// </summary>
    public static IReadOnlyList<string> FindExampleValues(string projectDirectory, string stack)
    {
        var fileName = FileName(stack);
        var yaml = File.ReadAllText(Path.Combine(projectDirectory, fileName));
        var lines = KeyLines(yaml);
        var found = new List<string>();
        if (YamlJson.Parse(yaml, SecureValue) is JsonObject { } root && root["config"] is JsonObject config)
        {
            foreach (var (fullKey, value) in config)
            {
                var prefix = Settings.SettingsPath.Namespace + ":";
                if (fullKey.StartsWith(prefix, StringComparison.Ordinal))
                {
                    Scan(fullKey[prefix.Length..], value);
                }
            }
        }

        return found;

        void Scan(string path, JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o)
                    {
                        Scan($"{path}.{key}", child);
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Scan($"{path}[{i}]", a[i]);
                    }

                    break;
                case JsonValue v when InputTree.AsSecret(v) is null && v.GetValueKind() is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number
                    && ExampleValues.Why(v.ToString()) is { } why:
                    var error = $"{Settings.SettingsPath.Namespace}:{path}: {v} — {why}; replace it with your own";
                    found.Add($"{fileName}{LineOf(error, lines)}: {error}");
                    break;
            }
        }
    }

    /// <summary>
    /// The line a YAML error is on. YAML forbids tabs in indentation, and YamlDotNet reports one
    /// either without a position (line 1: YamlDotNet <c>Core/Scanner.cs</c>, "found invalid tab as
    /// indentation") or at the end of the line before; so a file with a tab-indented line is
    /// reported at that line, and any other error where the parser puts it.
    /// </summary>
    private static string YamlErrorLine(string yaml, YamlException e)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i][..(lines[i].Length - lines[i].TrimStart(' ', '\t').Length)];
            if (indent.Contains('\t', StringComparison.Ordinal))
            {
                return $"{i + 1}:{indent.IndexOf('\t', StringComparison.Ordinal) + 1} (a tab in the indentation: YAML indents with spaces only)";
            }
        }

        return e.Start.Equals(Mark.Empty) && e.End.Equals(Mark.Empty) ? " (the parser gave no position)" : $"{e.Start.Line}:{e.Start.Column}";
    }

    /// <summary><c>:line</c> for the deepest key of an error's <c>zcash-infra:path</c> found in the file, or nothing.</summary>
    private static string LineOf(string error, Dictionary<string, int> lines)
    {
        var prefix = Settings.SettingsPath.Namespace + ":";
        if (!error.StartsWith(prefix, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var end = error.IndexOf(": ", prefix.Length, StringComparison.Ordinal);
        var path = end < 0 ? error[prefix.Length..] : error[prefix.Length..end];
        while (path.Length > 0)
        {
            if (lines.TryGetValue(path, out var line))
            {
                return ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut <= 0 ? string.Empty : path[..cut];
        }

        return string.Empty;
    }

    /// <summary>The line of every <c>zcash-infra:</c> key and list item, by settings path (<c>nodeSets[1].replicas</c>).</summary>
    private static Dictionary<string, int> KeyLines(string yaml)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("config"), out var config) && config is YamlMappingNode keys)
            {
                foreach (var (key, value) in keys.Children)
                {
                    var text = (key as YamlScalarNode)?.Value ?? string.Empty;
                    var prefix = Settings.SettingsPath.Namespace + ":";
                    if (text.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        Walk(text[prefix.Length..], key, value, lines);
                    }
                }
            }
        }
        catch (YamlException)
        {
            // The file parsed once already; without positions the errors still name it.
        }

        return lines;

        static void Walk(string path, YamlNode key, YamlNode value, Dictionary<string, int> lines)
        {
            lines.TryAdd(path, (int)key.Start.Line);
            switch (value)
            {
                case YamlMappingNode mapping:
                    foreach (var (k, v) in mapping.Children)
                    {
                        Walk($"{path}.{(k as YamlScalarNode)?.Value}", k, v, lines);
                    }

                    break;
                case YamlSequenceNode sequence:
                    for (var i = 0; i < sequence.Children.Count; i++)
                    {
                        Walk($"{path}[{i}]", sequence.Children[i], sequence.Children[i], lines);
                    }

                    break;
            }
        }
    }

    private static JsonNode? SecureValue(YamlMappingNode mapping) =>
        mapping.Children.Count == 1 && mapping.Children.Keys.Single() is YamlScalarNode { Value: "secure" }
            && mapping.Children.Values.Single() is YamlScalarNode { Value: { } ciphertext }
            ? InputTree.Leaf(Secret.FromCiphertext(ciphertext))
            : null;
}
