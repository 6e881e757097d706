#!/usr/bin/env bash
# Measures `validate` and `render` on generated stacks of N node sets (the dev stack with its node
# sets replaced by N testnet zebrad sets of 2 replicas with RPC), to check that the cost grows linearly
# with the number of resources. Prints one line per N: resources, wall and CPU seconds.
# Not a test: the figures depend on the machine. Results are recorded in docs/reviewing-changes.md.
#
#   scripts/benchmark-validate.sh [N ...]        (default: 1 10 100 400 1600)
#   ZCASH_INFRA_CLI_DLL=artifacts/cli/zcash-infra.dll scripts/benchmark-validate.sh …   (another build,
#   e.g. the ReadyToRun one of scripts/publish-cli.sh; CPU seconds are user + system)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ZCASH_INFRA_CLI_DLL:-}" ]; then
  dotnet build stacks/ZcashInfra.Cli --nologo -v q >/dev/null
fi
# The generated stack lives in a temporary folder, where ../shared/schemas is not beside it.
if [ -z "${ZCASH_INFRA_SCHEMAS:-}" ] && [ -d ../shared/schemas ]; then
  export ZCASH_INFRA_SCHEMAS=$(cd ../shared/schemas && pwd)
fi
cli=(dotnet "${ZCASH_INFRA_CLI_DLL:-stacks/ZcashInfra.Cli/bin/Debug/net10.0/zcash-infra.dll}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp Pulumi.yaml ZcashInfra.sln "$work/"
mkdir -p "$work/scripts" && cp scripts/schemas.lock "$work/scripts/"
"${cli[@]}" validate dev --project-dir . >/dev/null  # warm: schemas fetched, prepared cache filled
printf '%8s %10s %14s %14s %14s\n' "sets" "resources" "validate wall" "validate cpu" "render cpu"
for n in "${@:-1 10 100 400 1600}"; do
  for sets in $n; do
    {
      sed -n '1,/zcash-infra:nodeSets:/p' Pulumi.dev.yaml
      for i in $(seq 1 "$sets"); do
        printf '    - name: zebra-%d\n      network: testnet\n      implementation: zebrad\n      version: 6.3.0\n      replicas: 2\n      rpc: true\n' "$i"
      done
      sed -n '/zcash-infra:tekton:/,$p' Pulumi.dev.yaml
    } > "$work/Pulumi.bench.yaml"
    resources=$("${cli[@]}" render bench --format json --project-dir "$work" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(1 for n in d["resources"] if n["kind"]=="resource"))')
    /usr/bin/time -o "$work/v" -f '%e %U %S' "${cli[@]}" validate bench --project-dir "$work" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    /usr/bin/time -o "$work/r" -f '%U %S' "${cli[@]}" render bench --project-dir "$work" >/dev/null
    v=$(tail -1 "$work/v" | awk '{printf "%s %.2f", $1, $2 + $3}'); r=$(tail -1 "$work/r" | awk '{printf "%.2f", $1 + $2}')
    printf '%8s %10s %14s %14s %14s\n' "$sets" "$resources" "${v% *} s" "${v#* } s" "$r s"
  done
done
