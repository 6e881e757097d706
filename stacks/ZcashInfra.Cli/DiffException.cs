namespace ZcashInfra.Cli;

/// <summary>A diff that cannot be computed: a git ref that names nothing, a base that does not build or render.</summary>
internal sealed class DiffException(string message) : Exception(message);
