#!/usr/bin/env bash
# The README's test command: installs what the tests run for real, then runs them.
#
#   scripts/test.sh              the offline suite (ZcashInfra.Offline.slnf): everything outside infra/
#   scripts/test.sh --solution   the whole solution (ZcashInfra.sln), where the Pulumi packages restore
#   (further arguments go to `dotnet test`)
#
# Prerequisites it installs when missing:
#   - GNU tar, zstd (with pzstd), curl, git: the snapshot agent's tests run them (apt-get, as root);
#   - python3 with moto[server]: the S3 tests run a real moto server on 127.0.0.1 (pip --user);
#   - the pinned schemas: scripts/fetch-schemas.sh, unless ../shared/schemas, ZCASH_INFRA_SCHEMAS or
#     the cache already holds them (the tests validate every rendered object against them).
# Only the .NET 10 SDK must be there beforehand.
set -euo pipefail
cd "$(dirname "$0")/.."

target=ZcashInfra.Offline.slnf
if [ "${1:-}" = "--solution" ]; then
  target=ZcashInfra.sln
  shift
fi

command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }

missing=()
for tool in tar zstd pzstd curl git python3; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq tar zstd curl git python3 python3-pip >/dev/null
fi
for tool in tar zstd pzstd curl git python3; do
  command -v "$tool" >/dev/null || { echo "missing required tool: $tool" >&2; exit 1; }
done

# The version the GitHub workflows install; any moto 5.x with the server extra works.
if ! python3 -c "import moto.server" 2>/dev/null; then
  echo "installing moto[server] for python3"
  python3 -m pip install --user --quiet 'moto[server]==5.2.1' \
    || python3 -m pip install --user --quiet --break-system-packages 'moto[server]==5.2.1' \
    || { echo "python3 moto[server] is missing and pip could not install it: pip install 'moto[server]'" >&2; exit 1; }
fi

schemas_present() {
  [ -n "${ZCASH_INFRA_SCHEMAS:-}" ] && [ -d "$ZCASH_INFRA_SCHEMAS" ] && return 0
  [ -d ../shared/schemas ] && return 0
  # the cache counts only when it holds every locked digest (an older lock's cache does not)
  local sums="${XDG_CACHE_HOME:-$HOME/.cache}/zcash-infra/schemas/SHA256SUMS"
  [ -f "$sums" ] || return 1
  local sha
  for sha in $(grep -v '^#' scripts/schemas.lock | awk 'NF {print $1}'); do
    grep -q "^$sha " "$sums" || return 1
  done
  return 0
}
if ! schemas_present; then
  echo "fetching the pinned schemas into the cache"
  scripts/fetch-schemas.sh
fi

exec dotnet test "$target" "$@"
