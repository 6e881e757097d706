using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks.Tests.Docs;

/// <summary>
/// Writes docs/configuration.md from the one declaration of the settings: the keys and types as
/// <see cref="SettingsJson"/> reads them (System.Text.Json metadata), the defaults of a settings
/// record built without any key, and the XML documentation beside each property. Test code only:
/// the product reads settings without it.
/// </summary>
internal static partial class ConfigurationReference
{
    public const string RelativePath = "docs/configuration.md";

    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("# Configuration reference\n\n")
            .Append("Generated from the settings records in `stacks/ZcashInfra.Stacks/Settings` (their XML documentation and defaults) by\n")
            .Append("`tests/ZcashInfra.Stacks.Tests/Docs/ConfigurationReference.cs`; regenerate with `scripts/update-configuration-docs.sh`.\n")
            .Append("A test fails when this file is stale. Keys are written under `config:` in `Pulumi.<stack>.yaml`;\n")
            .Append("`[]` marks the items of a list, `.*` the values of a map. The default column shows the value a key takes when it is\n")
            .Append("not set: a `literal` from the settings record, or the rule stated by the key's `Default` sentence when the program\n")
            .Append("computes it; *required* marks keys that must be set (some only in the situations named beside it), — keys that stay unset.\n")
            .Append("The keys of an object with a default apply when the object is written.\n\n")
            .Append("| key | type | default | description |\n| --- | --- | --- | --- |\n");
        foreach (var row in Rows())
        {
            text.Append("| `").Append(row.Key).Append("` | ").Append(row.Type).Append(" | ")
                .Append(Cell(row.Default)).Append(" | ").Append(Cell(row.Description)).Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>Every key a user can write, in declaration order, with its default and description.</summary>
    public static IReadOnlyList<Row> Rows()
    {
        var rows = new List<Row>();
        Walk(typeof(StackSettings), "zcash-infra:", Documentation.Load(typeof(StackSettings).Assembly, typeof(NodeRelease).Assembly), rows, [], top: true);
        return rows;
    }

    private static void Walk(Type type, string prefix, Documentation docs, List<Row> rows, HashSet<Type> open, bool top = false)
    {
        var info = SettingsJson.Options.GetTypeInfo(type);
        var defaults = info.CreateObject?.Invoke();
        open.Add(type);
        // Computed properties (no setter) are read by the program, never written by users.
        foreach (var property in info.Properties.Where(p => p.Set is not null))
        {
            var member = (MemberInfo)property.AttributeProvider!;
            var key = top ? prefix + property.Name : $"{prefix}.{property.Name}";
            var value = defaults is null || property.Get is null ? null : property.Get(defaults);
            var nested = Nested(property.PropertyType);
            rows.Add(Row.Of(key, TypeName(property.PropertyType), property.IsRequired, Literal(value, nested is not null), docs.Summary(member)));
            if (nested is { } inner && !open.Contains(inner.Type))
            {
                Walk(inner.Type, key + inner.Suffix, docs, rows, open);
            }
        }

        open.Remove(type);
    }

    /// <summary>The settings record a property holds (itself, or as list items or map values), with the key suffix that reaches it.</summary>
    private static (Type Type, string Suffix)? Nested(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsRecord(type))
        {
            return (type, string.Empty);
        }

        if (Element(type) is { } element && IsRecord(element.Type))
        {
            return (element.Type, element.Map ? ".*" : "[]");
        }

        return null;
    }

    private static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace?.StartsWith("ZcashInfra.", StringComparison.Ordinal) == true;

    private static (Type Type, bool Map)? Element(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        var map = type.IsGenericType && type.GetGenericArguments().Length == 2 && typeof(IEnumerable).IsAssignableFrom(type);
        if (map)
        {
            return (type.GetGenericArguments()[1], true);
        }

        var enumerable = type.IsArray ? type.GetElementType() : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0] : null;
        return enumerable is null ? null : (enumerable, false);
    }

    private static string TypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return string.Join(" \\| ", Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)));
        }

        if (Element(type) is { } element)
        {
            return (element.Map ? "map of " : "list of ") + (IsRecord(element.Type) ? "objects" : TypeName(element.Type));
        }

        return type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(int) || type == typeof(long) => "integer",
            _ when type == typeof(double) || type == typeof(decimal) => "number",
            _ when type == typeof(Uri) => "URL",
            _ => "object",
        };
    }

    /// <summary>
    /// The default a record built without the key holds, as users would write it: null when it stays
    /// unset (null or an empty string).
    /// </summary>
    private static Literal? Literal(object? value, bool nested) => value switch
    {
        null or "" => null,
        ICollection { Count: 0 } => new Literal(Empty: true, Text: null),
        _ when nested => new Literal(Empty: false, Text: Inline(value)),
        _ => new Literal(Empty: false, Text: Scalar(value)),
    };

    /// <summary>
    /// An object default whose keys are all required (below it they read *required*, which holds when
    /// the object is written) is shown whole, as <c>name: value, …</c>; other objects list their own defaults.
    /// </summary>
    private static string? Inline(object value)
    {
        var keys = SettingsJson.Options.GetTypeInfo(value.GetType()).Properties.Where(p => p.Set is not null).ToList();
        return keys.All(k => k.IsRequired && k.Get is not null && Nested(k.PropertyType) is null)
            ? string.Join(", ", keys.Select(k => $"{k.Name}: {Scalar(k.Get!(value)!)}"))
            : null;
    }

    private static string Scalar(object value) =>
        value as string ?? JsonSerializer.Serialize(value, value.GetType(), SettingsJson.Options).Trim('"');

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>
    /// The XML documentation files of the settings' assembly and of the components whose docs
    /// settings inherit (<c>&lt;inheritdoc cref="…"/&gt;</c>, which the compiler writes as it is),
    /// reduced to summaries as plain Markdown.
    /// </summary>
    private sealed partial class Documentation(Dictionary<string, string> summaries)
    {
        public static Documentation Load(params Assembly[] assemblies)
        {
            var members = new Dictionary<string, XElement>(StringComparer.Ordinal);
            foreach (var assembly in assemblies)
            {
                foreach (var member in XDocument.Load(Path.ChangeExtension(assembly.Location, ".xml")).Descendants("member"))
                {
                    members.TryAdd((string)member.Attribute("name")!, member);
                }
            }

            var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, member) in members)
            {
                if (SummaryOf(member, members, depth: 0) is { } summary)
                {
                    summaries[name] = Plain(summary);
                }
            }

            return new Documentation(summaries);
        }

        /// <summary>A member's own summary, or the one its <c>inheritdoc cref</c> names (a cref outside the loaded files has none).</summary>
        private static XElement? SummaryOf(XElement member, Dictionary<string, XElement> members, int depth) =>
            member.Element("summary")
            ?? (depth < 8 && (string?)member.Element("inheritdoc")?.Attribute("cref") is { } cref && members.TryGetValue(cref, out var inherited)
                ? SummaryOf(inherited, members, depth + 1)
                : null);

        public string Summary(MemberInfo member) =>
            summaries.GetValueOrDefault($"P:{member.DeclaringType!.FullName!.Replace('+', '.')}.{member.Name}", string.Empty);

        private static string Plain(XElement summary)
        {
            var text = new StringBuilder();
            foreach (var node in summary.Nodes())
            {
                text.Append(node switch
                {
                    XText t => t.Value,
                    XElement { Name.LocalName: "c" } c => $"`{c.Value}`",
                    XElement { Name.LocalName: "see" } see => "`" + Short((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? see.Value) + "`",
                    XElement e => e.Value,
                    _ => string.Empty,
                });
            }

            return Spaces().Replace(text.ToString(), " ").Trim();
        }

        private static string Short(string cref)
        {
            var name = cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..] : cref;

            // A method's cref carries its parameter types (M:…Type.Method(System.String)): the
            // reader needs Type.Method, not the signature.
            var parameters = name.IndexOf('(', StringComparison.Ordinal);
            if (parameters >= 0)
            {
                name = name[..parameters];
            }

            var parts = name.Split('.');
            return parts.Length >= 2 ? string.Join('.', parts[^2..]) : name;
        }

        [GeneratedRegex("\\s+")]
        private static partial Regex Spaces();
    }
}
