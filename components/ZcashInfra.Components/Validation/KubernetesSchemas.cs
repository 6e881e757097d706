using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation.JsonSchemas;
using ZcashInfra.Components.Yaml;

namespace ZcashInfra.Components.Validation;

/// <summary>
/// Validates Kubernetes API objects against the official schemas in the schema folder: the
/// Kubernetes 1.34 strict per-kind schemas, the Tekton CRDs' structural schemas, and the KEDA and
/// Prometheus Operator CRD schemas. An object of a kind with no schema is an error, not a pass.
/// </summary>
/// <param name="schemaFolder">The schema folder.</param>
/// <param name="preparedCache">
/// Optional folder for schemas prepared for loading (a CRD's served version taken out of its YAML
/// and closed, descriptions dropped), keyed by the source file's digest: the next process loads
/// those instead of redoing the work. Null keeps nothing on disk.
/// </param>
/// <param name="tekton">
/// The Tekton releases whose CRDs check Tekton objects. Default <see cref="TektonSchemaPins.Default"/>;
/// a release with no schema set in the folder makes every Tekton object an error.
/// </param>
public sealed class KubernetesSchemas(string schemaFolder, string? preparedCache = null, TektonSchemaPins? tekton = null)
{
    /// <summary>Pinned schema sets, relative to the schema folder (one place to change a version).</summary>
    public const string KubernetesSet = "kubernetes/v1.34.0-standalone-strict";

    private readonly TektonSchemaPins _tekton = tekton ?? TektonSchemaPins.Default;

    /// <summary>The CSI snapshot CRDs (kubernetes-csi/external-snapshotter client/config/crd).</summary>
    public const string CsiSnapshotSet = "csi/external-snapshotter-v8.6.0";

    private static readonly ConcurrentDictionary<string, Lazy<CompiledSchema>> Cache = new(StringComparer.Ordinal);

    /// <summary>The schema file (and, for CRDs, the served version) for an apiVersion and kind, or null when none is known.</summary>
    public (string File, string? CrdVersion)? Locate(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        var lower = kind.ToLowerInvariant();
        (string, string?)? found = group switch
        {
            "tekton.dev" => ($"{_tekton.PipelineSet}/300-{lower}.yaml", version),
            "triggers.tekton.dev" => ($"{_tekton.TriggersSet}/300-{lower}.yaml", version),
            "keda.sh" => ($"crds-catalog/keda.sh/{lower}_{version}.json", null),
            "snapshot.storage.k8s.io" => ($"{CsiSnapshotSet}/snapshot.storage.k8s.io_{lower}{(lower.EndsWith('s') ? "es" : "s")}.yaml", version),
            "monitoring.coreos.com" => ($"crds-catalog/monitoring.coreos.com/{lower}_{version}.json", null),
            "" => ($"{KubernetesSet}/{lower}-{version}.json", null),
            _ => ($"{KubernetesSet}/{lower}-{group.Split('.')[0]}-{version}.json", null),
        };
        return File.Exists(Path.Combine(schemaFolder, found.Value.Item1)) ? found : null;
    }

    /// <summary>
    /// The schema text objects of this kind are checked against (for a CRD its served version,
    /// closed; without descriptions), or null when the folder has none.
    /// </summary>
    public string? SchemaText(string apiVersion, string kind) =>
        Locate(apiVersion, kind) is { } location ? Prepared(Path.GetFullPath(Path.Combine(schemaFolder, location.File)), location.CrdVersion) : null;

    /// <summary>Validates one object; returns each violation as <c>path: problem</c>.</summary>
    public IReadOnlyList<string> Validate(JsonObject manifest)
    {
        var apiVersion = manifest["apiVersion"]?.GetValue<string>();
        var kind = manifest["kind"]?.GetValue<string>();
        if (apiVersion is null || kind is null)
        {
            return ["apiVersion and kind are required"];
        }

        if (Locate(apiVersion, kind) is not { } location)
        {
            return [$"no schema for {apiVersion} {kind} in {schemaFolder}; add one before rendering this kind"];
        }

        var schema = Load(location.File, location.CrdVersion);
        return [.. schema.Validate(manifest).Select(e => e.ToString()).Distinct(), .. StrictDecoding.Check(manifest, UndeclaredFields), .. EmbeddedTemplates(manifest)];
    }

    /// <summary>
    /// The fields of <paramref name="node"/> that the Kubernetes type at <paramref name="type"/>
    /// does not declare (only those: a webhook's decoder checks names, and fields such as a
    /// container's name may be filled in later), as paths relative to the node.
    /// </summary>
    private IEnumerable<string> UndeclaredFields(KubernetesTypeShape type, JsonNode node)
    {
        var schema = Load($"{KubernetesSet}/{type.File}", null).At(type.Pointer);
        return schema.Undeclared(node).Select(p => "." + p.TrimStart('#', '/'));
    }

    /// <summary>
    /// The Triggers CRDs publish no structural schema, so a TriggerTemplate's own check passes
    /// almost anything; the objects it creates (PipelineRuns, …) are checked against their own
    /// schemas here, as the API server would check them when the trigger fires.
    /// </summary>
    private IEnumerable<string> EmbeddedTemplates(JsonObject manifest)
    {
        if (manifest["apiVersion"]?.GetValue<string>()?.StartsWith("triggers.tekton.dev/", StringComparison.Ordinal) != true
            || manifest["kind"]?.GetValue<string>() != "TriggerTemplate")
        {
            yield break;
        }

        var templates = manifest["spec"]?["resourcetemplates"] as JsonArray ?? [];
        for (var i = 0; i < templates.Count; i++)
        {
            var problems = templates[i] is JsonObject embedded ? Validate(embedded) : ["not an object"];
            foreach (var problem in problems)
            {
                yield return $"spec.resourcetemplates[{i}]: {problem}";
            }
        }
    }

    /// <summary>
    /// Loads the schemas of these objects' kinds at once, in parallel: loading (parsing a schema of
    /// up to 800 kB) is most of a validation's time, and each kind is loaded once per process.
    /// </summary>
    public void Preload(IEnumerable<(string ApiVersion, string Kind)> kinds)
    {
        var locations = kinds.Select(k => Locate(k.ApiVersion, k.Kind)).OfType<(string File, string? CrdVersion)>().Distinct().ToList();
        Parallel.ForEach(locations, l => Load(l.File, l.CrdVersion));
    }

    private CompiledSchema Load(string relative, string? crdVersion)
    {
        var file = Path.GetFullPath(Path.Combine(schemaFolder, relative));
        var key = file + "#" + crdVersion + "#" + preparedCache;
        return Cache.GetOrAdd(key, _ => new Lazy<CompiledSchema>(() =>
            CompiledSchema.Parse(Prepared(file, crdVersion), crdVersion is null ? file : $"{file} ({crdVersion})"))).Value;
    }

    /// <summary>The schema text to load: from the prepared cache when it has this file's digest, else made (and kept).</summary>
    private string Prepared(string file, string? crdVersion)
    {
        var bytes = File.ReadAllBytes(file);
        string? cached = null;
        if (preparedCache is not null)
        {
            var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            cached = Path.Combine(preparedCache, $"{digest}-{crdVersion ?? "json"}-{PreparedFormat}.json");
            if (File.Exists(cached))
            {
                return File.ReadAllText(cached);
            }
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        JsonNode schema;
        if (crdVersion is null)
        {
            schema = JsonNode.Parse(text) ?? throw new InvalidDataException($"{file}: empty schema");
        }
        else
        {
            // A CRD: take the served version's structural schema.
            var crd = YamlJson.Parse(text) as JsonObject ?? throw new InvalidDataException($"{file}: not a CRD");
            var versions = crd["spec"]?["versions"]?.AsArray() ?? throw new InvalidDataException($"{file}: no spec.versions");
            var served = versions.FirstOrDefault(v => v?["name"]?.GetValue<string>() == crdVersion)
                ?? throw new InvalidDataException($"{file}: version {crdVersion} is not served");
            var openApi = served["schema"]?["openAPIV3Schema"] ?? throw new InvalidDataException($"{file}: {crdVersion} has no openAPIV3Schema");
            schema = Closed(openApi.DeepClone());
        }

        var prepared = WithoutDescriptions(schema).ToJsonString();
        if (cached is not null)
        {
            try
            {
                // Written whole under a unique name, then renamed: a concurrent reader sees all or nothing.
                Directory.CreateDirectory(preparedCache!);
                var temp = cached + "." + Guid.NewGuid().ToString("N") + ".tmp";
                File.WriteAllText(temp, prepared);
                File.Move(temp, cached, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A read-only cache only costs time.
            }
        }

        return prepared;
    }

    /// <summary>Bumped when the preparation changes, so older prepared files are not used.</summary>
    private const int PreparedFormat = 1;

    /// <summary>
    /// Drops the <c>description</c> texts (three quarters of a Kubernetes schema's bytes) before the
    /// schema is loaded; they do not take part in validation. A property named <c>description</c>
    /// (PriorityClass has one) is a key of <c>properties</c> and stays.
    /// </summary>
    private static JsonNode WithoutDescriptions(JsonNode node, bool isProperties = false)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(kv => !isProperties && kv.Key == "description" && kv.Value is JsonValue).Select(kv => kv.Key).ToList())
                {
                    o.Remove(key);
                }

                foreach (var (key, child) in o)
                {
                    if (child is not null)
                    {
                        WithoutDescriptions(child, !isProperties && key == "properties");
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        WithoutDescriptions(child);
                    }
                }

                break;
        }

        return node;
    }

    /// <summary>
    /// The API server prunes fields a structural schema does not declare: a misspelt field is
    /// dropped without an error and its setting silently lost. So objects that declare their
    /// properties (and do not preserve unknown fields) are closed here, and such a field fails.
    /// </summary>
    private static JsonNode Closed(JsonNode schema)
    {
        if (schema is not JsonObject o)
        {
            return schema;
        }

        if (o["properties"] is JsonObject properties)
        {
            if (o["additionalProperties"] is null && o["x-kubernetes-preserve-unknown-fields"] is null)
            {
                o["additionalProperties"] = false;
            }

            foreach (var (_, property) in properties)
            {
                if (property is not null)
                {
                    Closed(property);
                }
            }
        }

        foreach (var keyword in new[] { "items", "additionalProperties", "not" })
        {
            if (o[keyword] is JsonObject inner)
            {
                Closed(inner);
            }
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            foreach (var inner in o[keyword] as JsonArray ?? [])
            {
                if (inner is not null)
                {
                    Closed(inner);
                }
            }
        }

        return schema;
    }
}
