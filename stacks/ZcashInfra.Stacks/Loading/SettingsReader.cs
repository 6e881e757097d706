using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ZcashInfra.Components.Graph;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks.Loading;

/// <summary>How secret settings arrive.</summary>
public enum SecretSource
{
    /// <summary>From a stack file read offline: secrets are <c>secure:</c> ciphertext, and a plain value where a secret belongs is an error.</summary>
    Ciphertext,

    /// <summary>From the Pulumi engine, which hands over <c>secure:</c> values decrypted, as plain strings.</summary>
    Engine,
}

/// <summary>
/// Turns the raw <c>zcash-infra:</c> configuration values into <see cref="StackSettings"/>,
/// reporting every problem at once with its key path: unknown keys (typos must not pass
/// silently), wrong types, missing required keys, then the records' own rules. With shape errors
/// the rules still run, on a best-effort reading, and report what does not rest on the values in
/// error (<see cref="TaintedObjects"/>); no settings are returned then.
/// </summary>
public static class SettingsReader
{
    private const string SecretMarker = "\u0001secret:";

    /// <summary>Reads settings from top-level configuration keys (without the namespace) and their values.</summary>
    public static SettingsResult Read(string stack, IEnumerable<KeyValuePair<string, JsonNode?>> keys, SecretSource source)
    {
        var errors = new SettingsErrors();
        var secrets = new List<Secret>();
        var shape = new ShapeChecker(errors, secrets, source);
        var typeInfo = SettingsJson.Options.GetTypeInfo(typeof(StackSettings));
        var root = shape.CheckObject(new JsonObject(keys.Select(kv => KeyValuePair.Create(kv.Key, kv.Value))), typeInfo, new SettingsPath(string.Empty), topLevel: true);
        if (!errors.IsEmpty)
        {
            // A bad stack config registers no resource: the settings stay null.
            return new SettingsResult(stack, null, [.. errors.All, .. ValueErrorsBeside(root, new TaintedObjects(shape.Tainted), secrets)]);
        }

        StackSettings settings;
        try
        {
            settings = Deserialize(root, secrets);
        }
        catch (JsonException e)
        {
            // The shape check should have caught this; report it with the path the serializer gives.
            errors.Add(new SettingsPath(e.Path?.TrimStart('$', '.') ?? string.Empty), "could not be read: " + e.Message.Split(" Path:")[0]);
            return new SettingsResult(stack, null, errors.All);
        }

        settings.Validate(errors);
        return new SettingsResult(stack, errors.IsEmpty ? settings : null, errors.All);
    }

    /// <summary>The value errors of the best-effort reading that do not rest on a tainted object; none when it cannot be read at all.</summary>
    private static IReadOnlyList<string> ValueErrorsBeside(JsonObject root, TaintedObjects tainted, List<Secret> secrets)
    {
        StackSettings settings;
        try
        {
            settings = Deserialize(root, secrets);
        }
        catch (JsonException)
        {
            // The placeholders should make the tree readable; if not, the shape errors stand alone.
            return [];
        }

        var errors = new SettingsErrors(tainted);
        tainted.Track(settings).Validate(errors);
        return errors.All;
    }

    private static StackSettings Deserialize(JsonObject root, List<Secret> secrets)
    {
        var options = new JsonSerializerOptions(SettingsJson.Options);
        options.Converters.Add(new SecretPlaceholderConverter(secrets));
        return (StackSettings)root.Deserialize(options.GetTypeInfo(typeof(StackSettings)))!;
    }

    /// <summary>Walks the JSON alongside the records' serialization metadata.</summary>
    /// <remarks>
    /// Besides its errors it builds a best-effort tree for the value rules: unknown keys are left
    /// out, a bad optional value too (its default applies), and a bad required value becomes a
    /// neutral placeholder of its type, so that the object keeps its place and its name, and
    /// references to it by name still resolve. Each object that held a bad value (a list or
    /// dictionary element that is itself bad) is recorded in <see cref="Tainted"/>.
    /// </remarks>
    private sealed class ShapeChecker(SettingsErrors errors, List<Secret> secrets, SecretSource source)
    {
        private readonly HashSet<string> _tainted = new(StringComparer.Ordinal);

        /// <summary>The key paths of the objects that held a shape error (at the top level, of the keys).</summary>
        public IReadOnlyCollection<string> Tainted => _tainted;

        public JsonObject CheckObject(JsonObject json, JsonTypeInfo info, SettingsPath path, bool topLevel)
        {
            var result = new JsonObject();

            // Only settable properties are configuration keys; computed ones (ShouldProtectState) are not.
            var keys = info.Properties.Where(p => p.Set is not null).ToList();
            foreach (var (key, value) in json)
            {
                var property = keys.FirstOrDefault(p => p.Name == key);
                if (property is null)
                {
                    errors.Add(path[key], $"unknown key (expected one of: {string.Join(", ", keys.Select(p => p.Name).Order(StringComparer.Ordinal))})");
                    Taint(path, key, topLevel);
                    continue;
                }

                if (value is null)
                {
                    if (!property.IsSetNullable)
                    {
                        errors.Add(path[key], "must not be null");
                        Taint(path, key, topLevel);
                        if (property.IsRequired)
                        {
                            result[key] = Placeholder(property.PropertyType);
                        }
                    }

                    continue;
                }

                var checkedValue = Check(value, property.PropertyType, path[key], topLevel);
                if (checkedValue is null)
                {
                    Taint(path, key, topLevel);
                    checkedValue = property.IsRequired ? Placeholder(property.PropertyType) : null;
                }

                if (checkedValue is not null)
                {
                    result[key] = Detach(checkedValue);
                }
            }

            foreach (var required in keys.Where(p => p.IsRequired && !json.ContainsKey(p.Name)))
            {
                errors.Add(path[required.Name], "is required");
                Taint(path, required.Name, topLevel);
                result[required.Name] = Placeholder(required.PropertyType);
            }

            return result;
        }

        /// <summary>
        /// Records the object that held a bad key. The top level is not one object but the file's
        /// sections and scalars, each its own: there the key is tainted (cross-checks that read the
        /// whole stack then drop their errors), not every value error of the file.
        /// </summary>
        private void Taint(SettingsPath path, string key, bool topLevel) => _tainted.Add(topLevel ? path[key].Text : path.Text);

        /// <summary>A neutral value of a type, for a required value in error: "", 0, false, the first enum name, an object of placeholders, an empty list.</summary>
        private JsonNode? Placeholder(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(Secret))
            {
                // Stands for a secret that is not there; never revealed (settings with errors are not returned).
                secrets.Add(Secret.FromCiphertext(string.Empty));
                return JsonValue.Create(SecretMarker + (secrets.Count - 1).ToString(CultureInfo.InvariantCulture));
            }

            if (type == typeof(string))
            {
                return JsonValue.Create(string.Empty);
            }

            if (type == typeof(bool))
            {
                return JsonValue.Create(false);
            }

            if (type == typeof(int) || type == typeof(long) || type == typeof(double))
            {
                return JsonValue.Create(0);
            }

            if (type.IsEnum)
            {
                return JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(Enum.GetNames(type)[0]));
            }

            var info = SettingsJson.Options.GetTypeInfo(type);
            return info.Kind switch
            {
                JsonTypeInfoKind.Object => new JsonObject(info.Properties.Where(p => p.Set is not null && p.IsRequired)
                    .Select(p => KeyValuePair.Create(p.Name, Placeholder(p.PropertyType)))),
                JsonTypeInfoKind.Dictionary => new JsonObject(),
                JsonTypeInfoKind.Enumerable => new JsonArray(),
                _ => null,
            };
        }

        /// <summary>A list or dictionary element: checked, or, when bad, a placeholder that keeps the others' indexes (the element is tainted).</summary>
        private JsonNode? CheckElement(JsonNode? item, Type type, SettingsPath path)
        {
            var checkedItem = item is null ? Fail(path, "a value", null) : Detach(Check(item, type, path, false));
            if (checkedItem is null)
            {
                _tainted.Add(path.Text);
                return Placeholder(type);
            }

            return checkedItem;
        }

        private JsonNode? Check(JsonNode value, Type type, SettingsPath path, bool topLevel)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;

            // Pulumi passes top-level scalar configuration values as strings ("true", "3").
            if (topLevel && value is JsonValue tv && tv.GetValueKind() == JsonValueKind.String && type != typeof(string) && type != typeof(Secret))
            {
                value = CoerceTopLevel(tv.GetValue<string>(), type) ?? value;
            }

            if (type == typeof(Secret))
            {
                return CheckSecret(value, path);
            }

            if (InputTree.AsSecret(value) is not null)
            {
                errors.Add(path, "is not a secret setting; set it without --secret");
                return null;
            }

            if (type == typeof(string))
            {
                return Expect(value, JsonValueKind.String, path, "a string");
            }

            if (type == typeof(bool))
            {
                return value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value : Fail(path, "true or false", value);
            }

            if (type == typeof(int) || type == typeof(long))
            {
                return value is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.TryGetValue<long>(out var l)
                    && (type == typeof(long) || l is >= int.MinValue and <= int.MaxValue)
                    ? value : Fail(path, "a whole number", value);
            }

            if (type == typeof(double))
            {
                return Expect(value, JsonValueKind.Number, path, "a number");
            }

            if (type.IsEnum)
            {
                var names = Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();
                return value is JsonValue e && e.GetValueKind() == JsonValueKind.String && names.Contains(e.GetValue<string>(), StringComparer.Ordinal)
                    ? value : Fail(path, "one of " + string.Join(", ", names), value);
            }

            var info = SettingsJson.Options.GetTypeInfo(type);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object when value is JsonObject o:
                    return CheckObject(o, info, path, topLevel: false);
                case JsonTypeInfoKind.Enumerable when value is JsonArray a:
                    return new JsonArray([.. a.Select((item, i) => CheckElement(item, info.ElementType!, path[i]))]);
                case JsonTypeInfoKind.Dictionary when value is JsonObject d:
                    return new JsonObject(d.Select(kv => KeyValuePair.Create(kv.Key, CheckElement(kv.Value, info.ElementType!, path[kv.Key]))));
                case JsonTypeInfoKind.Object:
                case JsonTypeInfoKind.Dictionary:
                    return Fail(path, "an object", value);
                case JsonTypeInfoKind.Enumerable:
                    return Fail(path, "a list", value);
                default:
                    return value;
            }
        }

        /// <summary>Scalars are passed through as they are; a node can only have one parent, so those are copied.</summary>
        private static JsonNode? Detach(JsonNode? node) => node?.Parent is null ? node : InputTree.Copy(node, string.Empty);

        private JsonNode? CheckSecret(JsonNode value, SettingsPath path)
        {
            var secret = InputTree.AsSecret(value);
            if (secret is null && source == SecretSource.Engine && value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                secret = Secret.FromPlaintext(v.GetValue<string>());
            }

            if (secret is null)
            {
                // The value itself is never echoed: it was meant to be secret.
                errors.Add(path, $"must be a secret: set it with `pulumi config set --secret --path {path.Text} <value>`");
                return null;
            }

            secrets.Add(secret);
            return JsonValue.Create(SecretMarker + (secrets.Count - 1).ToString(CultureInfo.InvariantCulture));
        }

        private JsonNode? Expect(JsonNode value, JsonValueKind kind, SettingsPath path, string what) =>
            value is JsonValue v && v.GetValueKind() == kind ? value : Fail(path, what, value);

        private JsonNode? Fail(SettingsPath path, string expected, JsonNode? got)
        {
            errors.Add(path, $"must be {expected}, got {Describe(got)}{Hint(expected, got)}");
            return null;
        }

        /// <summary>
        /// The usual cause of a type error in YAML: quotes that make a number or a boolean a string,
        /// or a missing pair that lets YAML read digits (an account id) or true/false as a number or
        /// a boolean (YAML 1.2 core schema: an unquoted 123456789012 is an integer, and leading zeros are lost).
        /// </summary>
        private static string Hint(string expected, JsonNode? got)
        {
            if (got is not JsonValue v)
            {
                return string.Empty;
            }

            var kind = v.GetValueKind();
            if (kind == JsonValueKind.String && expected is "a whole number" or "a number"
                && double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return " (a number: remove the quotes)";
            }

            if (kind == JsonValueKind.String && expected == "true or false" && v.GetValue<string>() is "true" or "false")
            {
                return " (true or false: remove the quotes)";
            }

            return expected == "a string" && kind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                ? $" (YAML read it as a {(kind == JsonValueKind.Number ? "number" : "boolean")}: quote it, \"{v.ToJsonString()}\")"
                : string.Empty;
        }

        private static JsonNode? CoerceTopLevel(string text, Type type)
        {
            if (type == typeof(bool) && bool.TryParse(text, out var b))
            {
                return JsonValue.Create(b);
            }

            if ((type == typeof(int) || type == typeof(long) || type == typeof(double)) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return JsonNode.Parse(text);
            }

            return type != typeof(string) && !type.IsEnum && text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('[')
                ? TryParse(text)
                : null;
        }

        private static JsonNode? TryParse(string text)
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string Describe(JsonNode? node) => node switch
        {
            null => "null",
            JsonObject => "an object",
            JsonArray => "a list",
            JsonValue v when InputTree.AsSecret(v) is not null => "a secret",
            JsonValue v => v.GetValueKind() == JsonValueKind.String ? $"'{v.GetValue<string>()}'" : v.ToJsonString(),
            _ => node.GetType().Name,
        };
    }

    /// <summary>Resolves the placeholders the shape check put where secrets were.</summary>
    private sealed class SecretPlaceholderConverter(List<Secret> secrets) : JsonConverter<Secret>
    {
        public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? string.Empty;
            return text.StartsWith(SecretMarker, StringComparison.Ordinal)
                ? secrets[int.Parse(text.AsSpan(SecretMarker.Length), CultureInfo.InvariantCulture)]
                : throw new JsonException("expected a secret");
        }

        public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) => writer.WriteStringValue(Secret.Mask);
    }
}
