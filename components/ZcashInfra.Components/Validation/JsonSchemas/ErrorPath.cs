using System.Globalization;
using System.Text;

namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>
/// Where a check is, written as NJsonSchema wrote it, so error lines stay as they were: property
/// names joined with dots and indexes in brackets (<c>spec.ports[0].port</c>), except that a
/// branch of <c>anyOf</c>/<c>oneOf</c> and the value of an undeclared property start again from
/// the value's location written as Newtonsoft.Json writes a <c>JToken.Path</c>, where a name with
/// a dot, slash, space or quote is bracketed (<c>metadata.labels['app.kubernetes.io/name']</c>;
/// RicoSuter/NJsonSchema <c>src/NJsonSchema/Validation/JsonSchemaValidator.cs</c>,
/// JamesNK/Newtonsoft.Json <c>Src/Newtonsoft.Json/JsonPosition.cs</c>). Text is only built for errors.
/// </summary>
internal sealed class ErrorPath
{
    private static readonly char[] Bracketed = ['.', ' ', '\'', '/', '"', '[', ']', '(', ')', '\t', '\n', '\r', '\f', '\b', '\\', '\u0085', '\u2028', '\u2029'];

    private readonly ErrorPath? _parent;
    private readonly string? _name;
    private readonly int _index;
    private readonly bool _restart;

    private ErrorPath(ErrorPath? parent, string? name, int index, bool restart)
    {
        _parent = parent;
        _name = name;
        _index = index;
        _restart = restart;
    }

    /// <summary>The document itself.</summary>
    public static readonly ErrorPath Root = new(null, null, -1, false);

    /// <summary>A property of the value here.</summary>
    public ErrorPath Property(string name) => new(this, name, -1, false);

    /// <summary>An item of the array here.</summary>
    public ErrorPath Item(int index) => new(this, null, index, false);

    /// <summary>The same value, its path written from its location (see the type's summary).</summary>
    public ErrorPath Restart() => new(this, null, -1, true);

    /// <summary>The path as an error shows it: <c>#/</c> and the path.</summary>
    public string Text() => "#/" + Relative();

    private string Relative()
    {
        if (_restart)
        {
            var builder = new StringBuilder();
            _parent!.Location(builder);
            return builder.ToString();
        }

        if (_parent is null)
        {
            return string.Empty;
        }

        var before = _parent.Relative();
        if (_name is null)
        {
            return before + "[" + _index.ToString(CultureInfo.InvariantCulture) + "]";
        }

        return before.Length == 0 ? _name : before + "." + _name;
    }

    private void Location(StringBuilder builder)
    {
        _parent?.Location(builder);
        if (_restart || _parent is null)
        {
            return;
        }

        if (_name is null)
        {
            builder.Append('[').Append(_index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        else if (_name.IndexOfAny(Bracketed) >= 0)
        {
            builder.Append("['");
            Escape(builder, _name);
            builder.Append("']");
        }
        else
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            builder.Append(_name);
        }
    }

    /// <summary>A name in single quotes, escaped as JavaScript (Newtonsoft's <c>JavaScriptUtils</c>).</summary>
    private static void Escape(StringBuilder builder, string name)
    {
        foreach (var c in name)
        {
            switch (c)
            {
                case '\'': builder.Append("\\'"); break;
                case '\\': builder.Append("\\\\"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\f': builder.Append("\\f"); break;
                case '\b': builder.Append("\\b"); break;
                case < ' ' or '\u0085' or '\u2028' or '\u2029':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }
    }
}
