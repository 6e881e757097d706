using System.Text.RegularExpressions;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests.Workflows;

/// <summary>
/// The README is the front door and docs/ holds the rest: the README stays short, and every
/// relative link in either (a file, and a heading anchor inside a Markdown file) points at
/// something that exists, so moving a section cannot leave a dead link behind.
/// </summary>
public partial class DocumentationLinksTests
{
    private const int ReadmeMaxLines = 250;

    public static TheoryData<string> MarkdownFiles()
    {
        var data = new TheoryData<string> { "README.md" };
        foreach (var doc in Directory.GetFiles(RepoPaths.At("docs"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add("docs/" + Path.GetFileName(doc));
        }

        return data;
    }

    [Fact]
    public void The_readme_is_a_front_door_under_250_lines_that_links_every_doc()
    {
        var readme = File.ReadAllLines(RepoPaths.At("README.md"));
        Assert.True(readme.Length < ReadmeMaxLines, $"README.md has {readme.Length} lines; move detail into docs/");
        var text = string.Join('\n', readme);
        foreach (var doc in Directory.GetFiles(RepoPaths.At("docs"), "*.md"))
        {
            Assert.Contains("(docs/" + Path.GetFileName(doc), text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Every_relative_link_points_at_an_existing_file_and_heading(string file)
    {
        var path = RepoPaths.At(file.Split('/'));
        var text = WithoutCodeBlocks(File.ReadAllText(path));
        var problems = new List<string>();
        foreach (Match link in MarkdownLink().Matches(text))
        {
            var target = link.Groups[1].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var filePart = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var resolved = filePart.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, filePart));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                problems.Add($"{target}: no such file");
                continue;
            }

            if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(resolved).Contains(anchor))
            {
                problems.Add($"{target}: no heading with that anchor");
            }
        }

        Assert.True(problems.Count == 0, $"{file}: " + string.Join("; ", problems));
    }

    /// <summary>
    /// Comments in code, stack files, scripts and workflows point readers at a section by name
    /// (<c>docs/snapshots.md, "Freshness"</c>); a section that moved or was renamed must not leave
    /// such a pointer behind.
    /// </summary>
    [Fact]
    public void Every_section_named_in_code_and_stack_files_exists()
    {
        string[] extensions = [".cs", ".yaml", ".yml", ".sh", ".md", ".props"];
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Root, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git")))
        {
            foreach (Match reference in SectionReference().Matches(File.ReadAllText(file)))
            {
                var doc = reference.Groups["doc"].Value;
                var target = RepoPaths.At(doc switch
                {
                    "the agent README" => ["tools", "ZcashInfra.SnapshotAgent", "README.md"],
                    _ when doc.StartsWith("README", StringComparison.Ordinal) => ["README.md"],
                    _ => doc.Split('/'),
                });
                var heading = reference.Groups["heading"].Value.Replace("`", string.Empty, StringComparison.Ordinal);
                if (!File.Exists(target) || !HeadingTexts(target).Contains(heading))
                {
                    problems.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}: {doc}, \"{heading}\"");
                }
            }
        }

        Assert.True(problems.Count == 0, "no such section: " + string.Join("; ", problems));
    }

    [Fact]
    public void A_section_reference_is_recognised_across_a_comment_line_break()
    {
        var matches = SectionReference().Matches(
            "keep it (docs/snapshots.md,\n    # \"Freshness\") and (README, \"Snapshot job\"), not (external-snapshotter README, \"Usage\")");
        Assert.Equal(["docs/snapshots.md:Freshness", "README:Snapshot job"], matches.Select(m => m.Groups["doc"].Value + ":" + m.Groups["heading"].Value));
    }

    private static HashSet<string> HeadingTexts(string markdownPath) =>
        Heading().Matches(WithoutCodeBlocks(File.ReadAllText(markdownPath)))
            .Select(m => m.Groups[1].Value.Trim().Replace("`", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void A_dead_link_is_found()
    {
        var anchors = AnchorsOf("# Node sets\n\n## Bumping the zebrad version\n### `up` waits (really)\n");
        Assert.Contains("bumping-the-zebrad-version", anchors);
        Assert.Contains("up-waits-really", anchors);
        Assert.DoesNotContain("peer-discovery", anchors);
    }

    private static HashSet<string> Anchors(string markdownPath) => AnchorsOf(WithoutCodeBlocks(File.ReadAllText(markdownPath)));

    /// <summary>GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces as '-'.</summary>
    private static HashSet<string> AnchorsOf(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(markdown))
        {
            var slug = new string(heading.Groups[1].Value.Trim().ToLowerInvariant()
                .Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').ToArray()).Replace(' ', '-');
            anchors.Add(slug);
        }

        return anchors;
    }

    private static string WithoutCodeBlocks(string markdown) => CodeBlock().Replace(markdown, string.Empty);

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    // A README named after a project ("external-snapshotter README") is upstream's, not ours; the
    // agent's README is named "the agent README" in its own code.
    [GeneratedRegex(@"(?<doc>docs/[\w-]+\.md|tools/[\w.]+/README\.md|the agent README|(?<![\w./-]\s?)README(?:\.md)?)[,:]?\s*(?:(?:#|//+)\s*)?""(?<heading>[A-Za-z`][^""\n]*)""")]
    private static partial Regex SectionReference();

    [GeneratedRegex(@"^#{1,6} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
