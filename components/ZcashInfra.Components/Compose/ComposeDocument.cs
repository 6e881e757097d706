using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// The top-level sections of a Compose file being built. Every name is added once: two node sets
/// whose derived names clash (a set called <c>a-restore</c> beside a set <c>a</c> with a
/// snapshot, or a set named like a peer alias) are an error naming both, never a silent overwrite.
/// </summary>
internal sealed class ComposeDocument(string project)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>Host names on the Compose network: a service's own, or a peer alias (which several services share).</summary>
    private readonly Dictionary<string, (string Owner, bool Alias)> _hosts = new(StringComparer.Ordinal);

    public JsonObject Services { get; } = [];

    public JsonObject Volumes { get; } = [];

    public JsonObject Configs { get; } = [];

    public JsonObject Secrets { get; } = [];

    public void AddService(string owner, string name, JsonObject service)
    {
        Host(owner, name, alias: false);
        Add(Services, "service", owner, name, service);
    }

    public void AddVolume(string owner, string name, JsonObject volume) => Add(Volumes, "volume", owner, name, volume);

    public void AddConfig(string owner, string name, JsonObject config) => Add(Configs, "config", owner, name, config);

    public void AddSecret(string owner, string name, JsonObject secret) => Add(Secrets, "secret", owner, name, secret);

    /// <summary>A peer alias: shared by every node of a peer group, never a service's name.</summary>
    public void AddAlias(string owner, string alias) => Host(owner, alias, alias: true);

    public JsonObject ToJson()
    {
        var document = new JsonObject { ["name"] = project, ["services"] = Services };
        foreach (var (key, section) in new[] { ("volumes", Volumes), ("configs", Configs), ("secrets", Secrets) })
        {
            if (section.Count > 0)
            {
                document[key] = section;
            }
        }

        return document;
    }

    private void Host(string owner, string name, bool alias)
    {
        if (_hosts.TryGetValue(name, out var existing) && !(alias && existing.Alias))
        {
            throw Clash(existing.Owner, owner, "host name", name);
        }

        _hosts.TryAdd(name, (owner, alias));
    }

    private void Add(JsonObject section, string kind, string owner, string name, JsonObject value)
    {
        if (!_names.TryAdd(kind + " " + name, owner))
        {
            throw Clash(_names[kind + " " + name], owner, kind + " name", name);
        }

        section[name] = value;
    }

    private static ComposeException Clash(string first, string second, string what, string name) =>
        new($"node sets '{first}' and '{second}' both need the {what} '{name}' in the Compose file; rename one");
}
