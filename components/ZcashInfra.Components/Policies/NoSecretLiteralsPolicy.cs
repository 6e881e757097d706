using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Credentials reach pods only through Secret references: never as an env var's literal value,
/// a <c>-password=…</c> argument, or a line of a ConfigMap (a rendered zcash.conf or zebrad.toml
/// with <c>rpcpassword=</c> would be readable by anyone who can read ConfigMaps).
/// </summary>
public sealed partial class NoSecretLiteralsPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "no-secret-literals";

    /// <inheritdoc />
    public string Description => "credentials reach pods through Secret references, never env literals, arguments or ConfigMaps";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var pod in Workloads.Pods(context.Graph))
        {
            foreach (var (path, container) in pod.Containers())
            {
                var env = container["env"]?.AsArray() ?? [];
                for (var i = 0; i < env.Count; i++)
                {
                    var name = Workloads.Text(env[i]?["name"]) ?? string.Empty;
                    if (CredentialNames.IsCredential(name) && env[i]?["value"] is not null)
                    {
                        yield return new Finding(Id, pod.Node.Path, $"{path}.env[{i}] ({name}) is a literal; use valueFrom.secretKeyRef");
                    }
                }

                foreach (var list in new[] { "command", "args" })
                {
                    foreach (var argument in (container[list]?.AsArray() ?? []).Select(Workloads.Text).OfType<string>())
                    {
                        if (Flag().Match(argument) is { Success: true } flag && CredentialNames.IsCredential(flag.Groups["name"].Value))
                        {
                            yield return new Finding(Id, pod.Node.Path, $"{path}.{list} passes {flag.Groups["name"].Value} on the command line; mount it from a Secret");
                        }
                    }
                }
            }
        }

        foreach (var node in context.Graph.Resources.Where(n => n.Type == "kubernetes:core/v1:ConfigMap"))
        {
            foreach (var finding in ConfigMapProblems(node))
            {
                yield return new Finding(Id, node.Path, finding);
            }
        }
    }

    private static IEnumerable<string> ConfigMapProblems(GraphNode node)
    {
        foreach (var (key, value) in node.Inputs["data"]?.AsObject() ?? [])
        {
            if (CredentialNames.IsCredential(key))
            {
                yield return $"data.{key} looks like a credential; put it in a Secret";
            }

            if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
            {
                continue;
            }

            var lines = text.GetValue<string>().Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (Assignment().Match(lines[i]) is { Success: true } assignment && CredentialNames.IsCredential(assignment.Groups["key"].Value))
                {
                    // The value is never quoted.
                    yield return $"data.{key} line {i + 1} sets {assignment.Groups["key"].Value}; put it in a Secret";
                }
            }
        }
    }

    /// <summary>
    /// A config assignment of a literal: <c>key=value</c>, <c>key = "value"</c>, <c>key: value</c>.
    /// A value computed at run time (<c>passwd = os.environ.pop("PASS")</c>) is not a literal.
    /// </summary>
    [GeneratedRegex(@"^\s*(?<key>[A-Za-z0-9_.-]+)\s*[=:]\s*(""[^""]+""|'[^']+'|[^\s#()\[\]{}""']+)\s*(#.*)?$")]
    private static partial Regex Assignment();

    /// <summary>A command-line flag with a value: <c>-name=value</c> or <c>--name=value</c>.</summary>
    [GeneratedRegex(@"^--?(?<name>[A-Za-z0-9_-]+)=.")]
    private static partial Regex Flag();
}
