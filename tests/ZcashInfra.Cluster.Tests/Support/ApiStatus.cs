using System.Text.Json.Nodes;

namespace ZcashInfra.Cluster.Tests.Support;

/// <summary>
/// The Status objects a real API server answers failures with (kubernetes/apimachinery
/// <c>pkg/api/errors/errors.go</c>: NewNotFound, NewAlreadyExists, NewForbidden, NewInvalid; the
/// RBAC denial text from kubernetes/apiserver <c>pkg/endpoints/handlers/responsewriters/errors.go</c>).
/// </summary>
public static class ApiStatus
{
    public static (int Code, JsonObject Body) NotFound(string resource, string name) =>
        Failure(404, "NotFound", $"{resource} \"{name}\" not found", name, resource);

    public static (int Code, JsonObject Body) AlreadyExists(string resource, string name) =>
        Failure(409, "AlreadyExists", $"{resource} \"{name}\" already exists", name, resource);

    public static (int Code, JsonObject Body) Invalid(string kind, string name, string problems) =>
        Failure(422, "Invalid", $"{kind} \"{name}\" is invalid: {problems}", name, kind);

    /// <summary>What RBAC answers: <c>… is forbidden: User "…" cannot VERB resource "…" in API group "…" in the namespace "…"</c>.</summary>
    public static (int Code, JsonObject Body) Forbidden(string user, string verb, string resource, string group, string? ns)
    {
        var qualified = group.Length == 0 ? resource : $"{resource}.{group}";
        var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        return Failure(403, "Forbidden", $"{qualified} is forbidden: User \"{user}\" cannot {verb} resource \"{resource}\" in API group \"{group}\" {scope}", null, qualified);
    }

    public static (int Code, JsonObject Body) Gone(string message) => Failure(410, "Expired", message, null, null);

    private static (int, JsonObject) Failure(int code, string reason, string message, string? name, string? kind)
    {
        var body = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (name is not null)
        {
            body["details"] = new JsonObject { ["name"] = name, ["kind"] = kind };
        }

        return (code, body);
    }
}
