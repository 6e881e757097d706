using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// No secret travels as plain text: an input named like a credential, and every value of a
/// Kubernetes Secret, must be a secret leaf (which Pulumi encrypts in state and masks in output).
/// </summary>
public sealed class NoPlaintextSecretsPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "no-plaintext-secrets";

    /// <inheritdoc />
    public string Description => "credentials and Kubernetes Secret values are secret inputs, never plain text";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var node in context.Graph.Nodes)
        {
            var isKubernetesSecret = node.Type == "kubernetes:core/v1:Secret";
            var references = SecretReferences(node.Inputs, string.Empty).ToHashSet(StringComparer.Ordinal);
            foreach (var (path, leaf) in InputTree.Leaves(node.Inputs))
            {
                if (leaf is not JsonValue value || InputTree.AsSecret(value) is not null || value.GetValueKind() != JsonValueKind.String
                    || value.GetValue<string>().Length == 0 || references.Contains(path))
                {
                    continue;
                }

                var key = path[(path.LastIndexOf('.') + 1)..].Split('[')[0];
                var inSecretData = isKubernetesSecret && (path.StartsWith("data.", StringComparison.Ordinal) || path.StartsWith("stringData.", StringComparison.Ordinal));
                if (inSecretData || CredentialNames.IsCredential(key))
                {
                    // The value itself is never quoted in the finding.
                    yield return new Finding(Id, node.Path, $"{path} holds a plain-text credential; make it a secret input");
                }
            }
        }
    }

    /// <summary>
    /// Leaves of objects that name a Secret (<c>{secretName, secretKey}</c>, as Tekton's GitHub
    /// interceptor takes it): a key name there is where the credential is, not the credential.
    /// </summary>
    private static IEnumerable<string> SecretReferences(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                var isReference = o.ContainsKey("secretName");
                foreach (var (key, value) in o)
                {
                    var at = path.Length == 0 ? key : $"{path}.{key}";
                    if (isReference && value is JsonValue)
                    {
                        yield return at;
                    }

                    foreach (var inner in SecretReferences(value, at))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var inner in SecretReferences(a[i], $"{path}[{i}]"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
