namespace ZcashInfra.Components.Validation;

/// <summary>
/// What a webhook's strict JSON decoder accepts at one place in an object, written from the Go type
/// it decodes into. Used where the CRD's schema says less than the webhook enforces.
/// </summary>
public abstract record DecodeShape
{
    /// <summary>Anything: a <c>runtime.RawExtension</c>, an <c>apiextensionsv1.JSON</c>, or a type checked elsewhere.</summary>
    public static DecodeShape Any { get; } = new AnyShape();

    /// <summary>A Go struct: exactly these JSON field names.</summary>
    public static DecodeShape Struct(params (string Field, DecodeShape Shape)[] fields) =>
        new StructShape(fields.ToDictionary(f => f.Field, f => f.Shape, StringComparer.Ordinal));

    /// <summary>A Go struct whose fields are all scalars (strings, numbers, booleans).</summary>
    public static DecodeShape Scalars(params string[] fields) => new StructShape(fields.ToDictionary(f => f, _ => Any, StringComparer.Ordinal));

    /// <summary>A slice.</summary>
    public static DecodeShape List(DecodeShape item) => new ListShape(item);

    /// <summary>A Kubernetes API type: its unknown fields are those the strict Kubernetes schema at <paramref name="pointer"/> of <paramref name="file"/> does not declare.</summary>
    public static DecodeShape KubernetesType(string file, string pointer) => new KubernetesTypeShape(file, pointer);
}

/// <summary>See <see cref="DecodeShape.Any"/>.</summary>
public sealed record AnyShape : DecodeShape;

/// <summary>See <see cref="DecodeShape.Struct"/>.</summary>
/// <param name="Fields">JSON field name → its shape.</param>
public sealed record StructShape(IReadOnlyDictionary<string, DecodeShape> Fields) : DecodeShape;

/// <summary>See <see cref="DecodeShape.List"/>.</summary>
/// <param name="Item">Each element's shape.</param>
public sealed record ListShape(DecodeShape Item) : DecodeShape;

/// <summary>See <see cref="DecodeShape.KubernetesType"/>.</summary>
/// <param name="File">Schema file, relative to the Kubernetes schema set.</param>
/// <param name="Pointer">JSON pointer to the type's schema inside that file.</param>
public sealed record KubernetesTypeShape(string File, string Pointer) : DecodeShape;
