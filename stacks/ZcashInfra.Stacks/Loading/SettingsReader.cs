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
/// silently), wrong types, missing required keys, then the records' own rules.
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
        if (!errors.IsEmpty || root is null)
        {
            return new SettingsResult(stack, null, errors.All);
        }

        StackSettings settings;
        try
        {
            var options = new JsonSerializerOptions(SettingsJson.Options);
            options.Converters.Add(new SecretPlaceholderConverter(secrets));
            settings = (StackSettings)root.Deserialize(options.GetTypeInfo(typeof(StackSettings)))!;
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

    /// <summary>Walks the JSON alongside the records' serialization metadata.</summary>
    private sealed class ShapeChecker(SettingsErrors errors, List<Secret> secrets, SecretSource source)
    {
        public JsonNode? CheckObject(JsonObject json, JsonTypeInfo info, SettingsPath path, bool topLevel)
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
                    continue;
                }

                if (value is null)
                {
                    errors.Require(property.IsSetNullable, path[key], "must not be null");
                    continue;
                }

                result[key] = Detach(Check(value, property.PropertyType, path[key], topLevel));
            }

            foreach (var required in keys.Where(p => p.IsRequired && !json.ContainsKey(p.Name)))
            {
                errors.Add(path[required.Name], "is required");
            }

            return result;
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
                    return new JsonArray([.. a.Select((item, i) => item is null ? Fail(path[i], "a value", null) : Detach(Check(item, info.ElementType!, path[i], false)))]);
                case JsonTypeInfoKind.Dictionary when value is JsonObject d:
                    return new JsonObject(d.Select(kv => KeyValuePair.Create(kv.Key,
                        kv.Value is null ? Fail(path[kv.Key], "a value", null) : Detach(Check(kv.Value, info.ElementType!, path[kv.Key], false)))));
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
