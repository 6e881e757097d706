using System.Globalization;
using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// A Compose healthcheck from a container's Kubernetes probes. Compose has one check where the
/// cluster has three: "healthy" here means what readiness and liveness both say there (the
/// commands joined with <c>&amp;&amp;</c>, readiness's timing), and the startup probe's window
/// becomes <c>start_period</c>, in which failures do not count. Docker marks a container
/// unhealthy but does not restart it, so the liveness half only reports.
/// Keys: compose-spec/compose-spec <c>05-services.md</c> (healthcheck).
/// </summary>
internal static class ComposeHealthcheck
{
    public static JsonObject? From(JsonObject container)
    {
        var readiness = container["readinessProbe"] as JsonObject;
        var liveness = container["livenessProbe"] as JsonObject;
        if (readiness is null && liveness is null)
        {
            return null;
        }

        var tests = new List<string>();
        foreach (var probe in new[] { readiness, liveness })
        {
            if (probe is not null && Command(probe, container) is var test && !tests.Contains(test))
            {
                tests.Add(test);
            }
        }

        var timing = (readiness ?? liveness)!;
        var timeout = new[] { readiness, liveness }.Where(p => p is not null).Max(p => Int(p!, "timeoutSeconds", 1));
        var check = new JsonObject
        {
            ["test"] = new JsonArray("CMD-SHELL", string.Join(" && ", tests)),
            ["interval"] = Seconds(Int(timing, "periodSeconds", 10)),
            ["timeout"] = Seconds(timeout),
            ["retries"] = Int(timing, "failureThreshold", 3),
        };
        if (container["startupProbe"] is JsonObject startup)
        {
            var period = Int(startup, "periodSeconds", 10);
            check["start_period"] = Seconds(period * Int(startup, "failureThreshold", 3));
            check["start_interval"] = Seconds(period);
        }

        return check;
    }

    /// <summary>One probe as a shell command run inside the container.</summary>
    private static string Command(JsonObject probe, JsonObject container)
    {
        if (probe["httpGet"] is JsonObject http)
        {
            // zebra's image installs curl for exactly this (ZcashFoundation/zebra docker/Dockerfile,
            // "Install curl for healthchecks"; its docker/mining/docker-compose.yml checks /healthy so).
            var port = Port(http["port"]!, container);
            var path = http["path"]?.GetValue<string>() ?? "/";
            return ShellWords.Join(["curl", "-fsS", "-o", "/dev/null", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}{path}"]);
        }

        if (probe["exec"]?["command"] is JsonArray exec)
        {
            var words = exec.Select(w => w!.GetValue<string>()).ToList();

            // CMD-SHELL already runs the line with sh -c: an "sh -c SCRIPT" probe becomes the script, grouped.
            return words.Count == 3 && words[0] == "sh" && words[1] == "-c" ? $"({words[2]})" : ShellWords.Join(words);
        }

        throw new ComposeException($"container '{container["name"]}': a probe other than httpGet or exec has no Compose healthcheck here");
    }

    private static int Port(JsonNode port, JsonObject container)
    {
        if (port is JsonValue value && value.TryGetValue<int>(out var number))
        {
            return number;
        }

        var name = port.GetValue<string>();
        return (container["ports"] as JsonArray ?? []).Select(p => p!.AsObject())
            .FirstOrDefault(p => p["name"]?.GetValue<string>() == name)?["containerPort"]?.GetValue<int>()
            ?? throw new ComposeException($"container '{container["name"]}': a probe names port '{name}', which the container does not declare");
    }

    private static int Int(JsonObject probe, string key, int fallback) => probe[key]?.GetValue<int>() ?? fallback;

    private static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture) + "s";
}
