namespace ZcashInfra.Cli.Tests.Workflows;

/// <summary>
/// The actions the workflows use, pinned by commit, with the inputs each pinned version declares
/// (read from its action.yml at that commit). A workflow passing an input the action does not have
/// is silently ignored by GitHub; the tests refuse it instead.
/// </summary>
internal static class PinnedActions
{
    public sealed record Action(IReadOnlyList<string> Inputs, IReadOnlyList<string> Required);

    public static readonly IReadOnlyDictionary<string, Action> Known = new Dictionary<string, Action>(StringComparer.Ordinal)
    {
        ["actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"] = new(["repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "ssh-user", "persist-credentials", "path", "clean", "filter", "sparse-checkout", "sparse-checkout-cone-mode", "fetch-depth", "fetch-tags", "show-progress", "lfs", "submodules", "set-safe-directory", "github-server-url", "allow-unsafe-pr-checkout"], []), // v7.0.1
        ["actions/setup-dotnet@a98b56852c35b8e3190ac28c8c2271da59106c68"] = new(["dotnet-version", "dotnet-quality", "dotnet-channel", "global-json-file", "source-url", "owner", "config-file", "cache", "cache-dependency-path", "workloads", "architecture"], []), // v6.0.0
        ["actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f"] = new(["name", "path", "if-no-files-found", "retention-days", "compression-level", "overwrite", "include-hidden-files", "archive"], ["path"]), // v7.0.0
        ["actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c"] = new(["name", "artifact-ids", "path", "pattern", "merge-multiple", "github-token", "repository", "run-id", "skip-decompress", "digest-mismatch"], []), // v8.0.1
        ["pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d"] = new(["command", "stack-name", "pulumi-version", "pulumi-version-file", "work-dir", "comment-on-pr", "comment-on-pr-number", "comment-on-summary", "github-token", "cloud-url", "secrets-provider", "parallel", "message", "config-map", "expect-no-changes", "diff", "replace", "exclude", "exclude-dependents", "target", "target-dependents", "policyPacks", "policyPackConfigs", "refresh", "upsert", "remove", "edit-pr-comment", "color", "exclude-protected", "plan", "suppress-outputs", "suppress-progress", "always-include-summary", "continue-on-error", "log-verbosity", "log-flow", "debug"], []), // v7.0.0
        ["marocchino/sticky-pull-request-comment@5770ad5eb8f42dd2c4f34da00c94c5381e49af88"] = new(["header", "append", "recreate", "delete", "only_create", "only_update", "hide_details", "hide", "hide_and_recreate", "hide_classify", "message", "path", "ignore_empty", "skip_unchanged", "follow_symbolic_links", "number", "number_force", "owner", "repo", "GITHUB_TOKEN"], []), // v3.0.5
        ["google-github-actions/auth@7c6bc770dae815cd3e89ee6cdf493a5fab2cc093"] = new(["project_id", "workload_identity_provider", "service_account", "audience", "credentials_json", "create_credentials_file", "export_environment_variables", "token_format", "delegates", "universe", "request_reason", "cleanup_credentials", "access_token_lifetime", "access_token_scopes", "access_token_subject", "id_token_audience", "id_token_include_email"], []), // v3.0.0
        ["google-github-actions/get-gke-credentials@3da1e46a907576cefaa90c484278bb5b259dd395"] = new(["cluster_name", "location", "project_id", "context_name", "namespace", "use_auth_provider", "use_internal_ip", "use_connect_gateway", "use_dns_based_endpoint", "fleet_membership_name", "quota_project_id"], ["cluster_name"]), // v3.0.0
        ["aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c"] = new(["aws-region", "aws-profile", "overwrite-aws-profile", "role-to-assume", "aws-access-key-id", "aws-secret-access-key", "aws-session-token", "web-identity-token-file", "role-chaining", "audience", "http-proxy", "no-proxy", "mask-aws-account-id", "role-duration-seconds", "role-external-id", "role-session-name", "role-skip-session-tagging", "transitive-tag-keys", "inline-session-policy", "managed-session-policies", "output-credentials", "output-env-credentials", "unset-current-credentials", "disable-retry", "retry-max-attempts", "special-characters-workaround", "use-existing-credentials", "allowed-account-ids", "force-skip-oidc", "action-timeout-s", "custom-tags", "sts-endpoint"], ["aws-region"]), // v6.2.3
    };
}
