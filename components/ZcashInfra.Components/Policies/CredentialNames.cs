namespace ZcashInfra.Components.Policies;

/// <summary>Names (of inputs, env vars, config keys) that hold credentials: one list for every policy that looks for them.</summary>
public static class CredentialNames
{
    private static readonly string[] Suffixes =
        ["password", "passwd", "token", "kubeconfig", "privatekey", "clientsecret", "apikey", "secretkey", "credentials", "rpcauth", "cookie"];

    /// <summary>True when a name (any case, with or without '-' and '_') ends in a credential word.</summary>
    public static bool IsCredential(string name)
    {
        var normalized = name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return Suffixes.Any(s => normalized.EndsWith(s, StringComparison.Ordinal));
    }
}
