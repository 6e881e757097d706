using System.Text.Json.Nodes;

namespace ZcashInfra.Cluster.Tests.Support;

/// <summary>
/// Equality-based label selectors (<c>k=v,k2=v2</c>, <c>k!=v</c>) and the field selectors every
/// resource supports (<c>metadata.name</c>, <c>metadata.namespace</c>), as the API server applies
/// them (kubernetes/apimachinery <c>pkg/labels/selector.go</c>, <c>pkg/fields</c>).
/// </summary>
public static class Selectors
{
    public static bool Matches(JsonObject o, string? labelSelector, string? fieldSelector)
    {
        var labels = o["metadata"]?["labels"] as JsonObject;
        foreach (var term in Terms(labelSelector))
        {
            var value = labels?[term.Key]?.GetValue<string>();
            if (term.Negated ? value == term.Value : value != term.Value)
            {
                return false;
            }
        }

        foreach (var term in Terms(fieldSelector))
        {
            var value = term.Key switch
            {
                "metadata.name" => o["metadata"]?["name"]?.GetValue<string>(),
                "metadata.namespace" => o["metadata"]?["namespace"]?.GetValue<string>(),
                _ => throw new InvalidOperationException($"field selector {term.Key} is not supported for this resource"),
            };
            if (term.Negated ? value == term.Value : value != term.Value)
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<(string Key, string Value, bool Negated)> Terms(string? selector)
    {
        foreach (var term in (selector ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var negated = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negated ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            yield return (parts[0], parts.Length > 1 ? parts[1] : string.Empty, negated);
        }
    }
}
