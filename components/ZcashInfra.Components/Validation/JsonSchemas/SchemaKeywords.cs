namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>
/// The keywords of the schemas in use (the Kubernetes strict set, the Tekton, CSI snapshot, KEDA
/// and Prometheus Operator CRDs, the Compose Specification), sorted by what the validator does with
/// them. A keyword in neither list stops the load: a schema is never checked with part of it ignored.
/// </summary>
internal static class SchemaKeywords
{
    /// <summary>Keywords that take part in validation, each implemented by <see cref="SchemaCompiler"/>.</summary>
    public static readonly IReadOnlySet<string> Validated = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "patternProperties", "items", "uniqueItems",
        "enum", "format", "pattern", "minLength", "minimum", "maximum", "anyOf", "oneOf", "$ref", "definitions",
        "x-kubernetes-int-or-string",
    };

    /// <summary>
    /// Keywords that do not constrain a value as written: texts, defaults (filled in by the API
    /// server, not checked), and the Kubernetes extensions that guide merging, not validation.
    /// <c>x-kubernetes-preserve-unknown-fields</c> is read before compiling, when a CRD's
    /// schema is closed (<see cref="KubernetesSchemas"/>).
    /// <c>x-kubernetes-validations</c> are CEL rules (kubernetes/apiextensions-apiserver
    /// <c>pkg/apiserver/schema/cel</c>): the ones in use are the CSI snapshot CRDs' transition
    /// rules (<c>oldSelf</c>, nothing to check at creation) and "exactly one of" rules on a
    /// snapshot's source, which are not evaluated here (the cluster tests' API double enforces them).
    /// </summary>
    public static readonly IReadOnlySet<string> NotValidating = new HashSet<string>(StringComparer.Ordinal)
    {
        "description", "title", "default", "deprecated", "$schema", "$id",
        "x-kubernetes-preserve-unknown-fields", "x-kubernetes-group-version-kind", "x-kubernetes-list-map-keys",
        "x-kubernetes-list-type", "x-kubernetes-map-type", "x-kubernetes-patch-merge-key",
        "x-kubernetes-patch-strategy", "x-kubernetes-unions", "x-kubernetes-validations",
    };
}
