using System.Text;
using System.Text.RegularExpressions;
using ZcashInfra.Components.PreviewPipeline;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests.Workflows;

/// <summary>
/// Every place that calls the CLI (the workflows, the Tekton scripts, the README and docs/) names a command
/// that exists with options it accepts: each call is parsed by the CLI's own parser.
/// </summary>
public partial class CliReferencesTests
{
    public static TheoryData<string, string> Calls()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Workflow.Files)
        {
            foreach (var script in Workflow.Load(file).Scripts)
            {
                AddCalls(data, file, script);
            }
        }

        AddCalls(data, "PreviewSteps.Diff", PreviewSteps.Diff);
        AddCalls(data, "README.md", File.ReadAllText(RepoPaths.At("README.md")));
        foreach (var doc in Directory.GetFiles(RepoPaths.At("docs"), "*.md").Order(StringComparer.Ordinal))
        {
            AddCalls(data, "docs/" + Path.GetFileName(doc), File.ReadAllText(doc));
        }

        return data;
    }

    [Fact]
    public void The_workflows_and_the_pipeline_call_diff_and_stack_info()
    {
        var calls = Calls().Select(row => ((string)row[0], (string)row[1])).ToList();
        Assert.Contains(calls, c => c.Item1 == "preview.yml" && c.Item2.StartsWith("diff ", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Item1 == "pulumi.yml" && c.Item2.StartsWith("stack-info ", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Item1 == "PreviewSteps.Diff" && c.Item2.StartsWith("diff ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void Each_call_names_an_existing_command_and_parses(string where, string call)
    {
        var root = CliApp.BuildRoot(TextWriter.Null, TextWriter.Null);
        var result = root.Parse(Tokens(call));
        Assert.True(result.Errors.Count == 0, $"{where}: `{call}`: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        Assert.Contains(result.CommandResult.Command, root.Subcommands);
    }

    [Fact]
    public void A_call_to_a_missing_command_or_option_does_not_parse()
    {
        var root = CliApp.BuildRoot(TextWriter.Null, TextWriter.Null);
        Assert.NotEmpty(root.Parse(Tokens("preview dev")).Errors);
        Assert.NotEmpty(root.Parse(Tokens("diff --base X --format html")).Errors);
        Assert.NotEmpty(root.Parse(Tokens("diff --bass X")).Errors);
    }

    private static void AddCalls(TheoryData<string, string> data, string where, string text)
    {
        foreach (Match m in CliCall().Matches(text))
        {
            data.Add(where, m.Groups[1].Value.Trim());
        }
    }

    /// <summary>Shell words up to a redirection or operator; variables and placeholders become a plain word.</summary>
    private static string[] Tokens(string call)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        char? quote = null;
        foreach (var c in call + " ")
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (word.Length > 0)
                {
                    var w = word.ToString();
                    if (w is ">" or ">>" or "|" or "&&" or ";" or "2>&1")
                    {
                        break;
                    }

                    words.Add(w.Contains('$', StringComparison.Ordinal) ? "X" : w);
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        return [.. words];
    }

    [GeneratedRegex(@"dotnet run (?:--no-build )?--project stacks/ZcashInfra\.Cli -- ([^\n#`]*)")]
    private static partial Regex CliCall();
}
