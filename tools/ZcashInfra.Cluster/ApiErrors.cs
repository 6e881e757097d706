using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;

namespace ZcashInfra.Cluster;

/// <summary>
/// Turns the API server's failure answers into <see cref="ClusterException"/>s. A failed request
/// answers a <c>Status</c> object (kind Status, status Failure, reason, message, code), per the
/// Kubernetes API conventions (kubernetes/community
/// <c>contributors/devel/sig-architecture/api-conventions.md</c>, "Response Status Kind");
/// KubernetesClient surfaces it as <see cref="HttpOperationException"/> with the body as text.
/// </summary>
public static class ApiErrors
{
    /// <summary>True when <paramref name="e"/> is the server's 404.</summary>
    public static bool IsNotFound(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    /// <summary>True when <paramref name="e"/> is the server's 409 (AlreadyExists or Conflict).</summary>
    public static bool IsConflict(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict };

    /// <summary>Runs <paramref name="call"/>; a server failure becomes a <see cref="ClusterException"/> saying what was being done.</summary>
    public static async Task<T> Describe<T>(string doing, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw From(doing, e);
        }
        catch (HttpRequestException e)
        {
            throw new ClusterException($"{doing}: cannot reach the API server ({e.Message})", e);
        }
    }

    /// <summary>Like <see cref="Describe{T}"/> for calls without a result.</summary>
    public static async Task Describe(string doing, Func<Task> call) =>
        await Describe(doing, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    /// <summary>A watch stream whose failures (403 when opening it, a dropped connection) become <see cref="ClusterException"/>s.</summary>
    public static async IAsyncEnumerable<T> Watch<T>(string doing, IAsyncEnumerable<T> events)
    {
        var enumerator = events.GetAsyncEnumerator();
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (HttpOperationException e)
                {
                    throw From(doing, e);
                }
                catch (HttpRequestException e)
                {
                    throw new ClusterException($"{doing}: cannot reach the API server ({e.Message})", e);
                }

                if (!more)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One line: what was being done, the HTTP code, the Status reason and message.</summary>
    public static ClusterException From(string doing, HttpOperationException e)
    {
        var code = (int)e.Response.StatusCode;
        string? reason = null;
        string? message = null;
        try
        {
            if (JsonNode.Parse(e.Response.Content ?? string.Empty) is JsonObject status && status["kind"]?.GetValue<string>() == "Status")
            {
                reason = status["reason"]?.GetValue<string>();
                message = status["message"]?.GetValue<string>();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a Status object (a proxy's HTML page, an empty body): the code alone is reported.
        }

        var hint = code == 403 ? " (the service account's Role does not grant this)" : string.Empty;
        var text = $"{doing}: {code} {reason ?? e.Response.ReasonPhrase}{(message is null ? string.Empty : ": " + message)}{hint}";
        return new ClusterException(text, code, reason, e);
    }
}
