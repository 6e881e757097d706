using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>
/// Checks a value against a compiled schema, with the errors NJsonSchema 10 gave (kinds, paths,
/// order), which this replaced (RicoSuter/NJsonSchema <c>src/NJsonSchema/Validation/JsonSchemaValidator.cs</c>):
/// <list type="bullet">
/// <item>The checks run in the order anyOf, oneOf, type, enum, properties.</item>
/// <item>A failed <c>anyOf</c>/<c>oneOf</c> reports the errors of every branch.</item>
/// <item>A value that fails a schema with several types (<c>["array", "null"]</c>) is one
/// <see cref="SchemaErrorKind.NoTypeValidates"/>, including when the value is of one of the types
/// but fails that type's checks (an array whose items fail): the reasons are not itemised.</item>
/// <item>Required properties are reported missing even when the value is not an object, unless
/// the schema allows null.</item>
/// <item>An undeclared property is checked against the first <c>patternProperties</c> name that
/// matches it, else against <c>additionalProperties</c>.</item>
/// </list>
/// </summary>
internal static class SchemaValidator
{
    public static void Validate(JsonNode? value, SchemaNode schema, string? property, ErrorPath path, List<SchemaError> errors)
    {
        var kind = JsonToken.Kind(value);
        if (schema.AnyOf is { } anyOf)
        {
            Branches(value, anyOf, path, errors, passed => passed > 0);
        }

        if (schema.OneOf is { } oneOf)
        {
            Branches(value, oneOf, path, errors, passed => passed == 1);
        }

        CheckType(value, kind, schema, property, path, errors);
        if (schema.Enum is { } allowed && !(kind == TokenKind.Null && schema.Nullable))
        {
            var text = JsonToken.Comparable(value);
            if (!allowed.Contains(text, StringComparer.Ordinal))
            {
                errors.Add(new(SchemaErrorKind.NotInEnumeration, path.Text(), property));
            }
        }

        CheckProperties(value as JsonObject, schema, path, errors);
    }

    /// <summary>Every branch is checked; unless <paramref name="holds"/> for the number that passed, all their errors stand.</summary>
    private static void Branches(JsonNode? value, SchemaNode[] branches, ErrorPath path, List<SchemaError> errors, Func<int, bool> holds)
    {
        var start = errors.Count;
        var passed = 0;
        var restarted = path.Restart();
        foreach (var branch in branches)
        {
            var before = errors.Count;
            Validate(value, branch, null, restarted, errors);
            passed += errors.Count == before ? 1 : 0;
        }

        if (holds(passed))
        {
            errors.RemoveRange(start, errors.Count - start);
        }
    }

    private static void CheckType(JsonNode? value, TokenKind kind, SchemaNode schema, string? property, ErrorPath path, List<SchemaError> errors)
    {
        if (kind == TokenKind.Null && schema.Nullable)
        {
            return;
        }

        var types = schema.Types;
        var single = (types & (types - 1)) == 0;
        var start = errors.Count;
        var number = kind is TokenKind.Integer or TokenKind.Float;

        void Expected(JsonTypes type, bool matches, SchemaErrorKind error)
        {
            if (single && (types & type) != 0 && !matches)
            {
                errors.Add(new(error, path.Text(), property));
            }
        }

        if (value is JsonArray array)
        {
            CheckArray(array, schema, property, path, errors);
        }
        else
        {
            Expected(JsonTypes.Array, false, SchemaErrorKind.ArrayExpected);
        }

        if (kind == TokenKind.String)
        {
            CheckString(JsonToken.String((JsonValue)value!), schema, property, path, errors);
        }
        else
        {
            Expected(JsonTypes.String, false, SchemaErrorKind.StringExpected);
        }

        Expected(JsonTypes.Number, number, SchemaErrorKind.NumberExpected);
        if (number)
        {
            CheckNumber((JsonValue)value!, schema, property, path, errors);
        }

        Expected(JsonTypes.Integer, kind == TokenKind.Integer, SchemaErrorKind.IntegerExpected);
        Expected(JsonTypes.Boolean, kind == TokenKind.Boolean, SchemaErrorKind.BooleanExpected);
        Expected(JsonTypes.Null, kind == TokenKind.Null, SchemaErrorKind.NullExpected);
        Expected(JsonTypes.Object, kind == TokenKind.Object, SchemaErrorKind.ObjectExpected);
        if (single)
        {
            return;
        }

        // Several types: one error when every type fails, and the checks that do not depend on the
        // type (items, string and number bounds) fail them all alike.
        var common = errors.Count > start;
        errors.RemoveRange(start, errors.Count - start);
        if (common || !Matches(types, kind))
        {
            errors.Add(new(SchemaErrorKind.NoTypeValidates, path.Text(), property));
        }
    }

    private static bool Matches(JsonTypes types, TokenKind kind) => kind switch
    {
        TokenKind.Null => (types & JsonTypes.Null) != 0,
        TokenKind.Object => (types & JsonTypes.Object) != 0,
        TokenKind.Array => (types & JsonTypes.Array) != 0,
        TokenKind.String => (types & JsonTypes.String) != 0,
        TokenKind.Integer => (types & (JsonTypes.Integer | JsonTypes.Number)) != 0,
        TokenKind.Float => (types & JsonTypes.Number) != 0,
        TokenKind.Boolean => (types & JsonTypes.Boolean) != 0,
        _ => false,
    };

    private static void CheckArray(JsonArray array, SchemaNode schema, string? property, ErrorPath path, List<SchemaError> errors)
    {
        if (schema.UniqueItems && array.Select(JsonToken.Comparable).Distinct(StringComparer.Ordinal).Count() != array.Count)
        {
            errors.Add(new(SchemaErrorKind.ItemsNotUnique, path.Text(), property));
        }

        if (schema.Items is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(array[i], items, null, path.Item(i), errors);
            }
        }
    }

    private static void CheckString(string text, SchemaNode schema, string? property, ErrorPath path, List<SchemaError> errors)
    {
        if (schema.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            errors.Add(new(SchemaErrorKind.PatternMismatch, path.Text(), property));
        }

        // Lengths count characters (code points), as JSON Schema and the API server's go-openapi
        // validator do, not UTF-16 units: an emoji is one character.
        if (schema.MinLength is { } min && text.EnumerateRunes().Count() < min)
        {
            errors.Add(new(SchemaErrorKind.StringTooShort, path.Text(), property));
        }

        if (StringFormats.Check(schema.Format, text) is { } wrong)
        {
            errors.Add(new(wrong, path.Text(), property));
        }
    }

    private static void CheckNumber(JsonValue value, SchemaNode schema, string? property, ErrorPath path, List<SchemaError> errors)
    {
        if (schema.Minimum is null && schema.Maximum is null)
        {
            return;
        }

        var exact = JsonToken.Decimal(value);
        var inexact = exact is null ? JsonToken.Double(value) : 0;
        if (schema.Minimum is { } min && (exact is { } a ? a < min : inexact < (double)min))
        {
            errors.Add(new(SchemaErrorKind.NumberTooSmall, path.Text(), property));
        }

        if (schema.Maximum is { } max && (exact is { } b ? b > max : inexact > (double)max))
        {
            errors.Add(new(SchemaErrorKind.NumberTooBig, path.Text(), property));
        }
    }

    private static void CheckProperties(JsonObject? value, SchemaNode schema, ErrorPath path, List<SchemaError> errors)
    {
        if (value is null && (schema.Types & JsonTypes.Null) != 0)
        {
            return;
        }

        foreach (var declared in schema.Properties)
        {
            if (value is not null && value.TryGetPropertyValue(declared.Name, out var child))
            {
                if (child is null && declared.Schema.Nullable)
                {
                    continue;
                }

                Validate(child, declared.Schema, declared.Name, path.Property(declared.Name), errors);
            }
            else if (declared.Required)
            {
                errors.Add(new(SchemaErrorKind.PropertyRequired, path.Property(declared.Name).Text(), declared.Name));
            }
        }

        foreach (var name in schema.OtherRequired)
        {
            if (value is null || !value.ContainsKey(name))
            {
                errors.Add(new(SchemaErrorKind.PropertyRequired, path.Property(name).Text(), name));
            }
        }

        if (value is null || (schema.AdditionalAllowed && schema.Additional is null && schema.PatternProperties.Length == 0))
        {
            return;
        }

        // Names matching a pattern first, then the rest against additionalProperties, as NJsonSchema did.
        List<(string Name, JsonNode? Value)>? rest = null;
        foreach (var (name, child) in value)
        {
            if (schema.Declared.ContainsKey(name))
            {
                continue;
            }

            var pattern = Array.Find(schema.PatternProperties, p => p.Name.IsMatch(name)).Schema;
            if (pattern is not null)
            {
                Validate(child, pattern, null, path.Property(name).Restart(), errors);
            }
            else
            {
                (rest ??= []).Add((name, child));
            }
        }

        foreach (var (name, child) in rest ?? [])
        {
            if (schema.Additional is { } additional)
            {
                Validate(child, additional, null, path.Property(name).Restart(), errors);
            }
            else if (!schema.AdditionalAllowed)
            {
                errors.Add(new(SchemaErrorKind.NoAdditionalPropertiesAllowed, path.Property(name).Text(), name));
            }
        }
    }
}
