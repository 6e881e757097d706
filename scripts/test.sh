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
#   - the pinned schemas: scripts/fetch-schemas.sh, unless ZCASH_INFRA_SCHEMAS names a folder, or
#     ../shared/schemas or the cache holds every file of scripts/schemas.lock with its digest (the tests validate every rendered object against them).
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
# moto is installed with pip below; a python3 without it (Debian's default) needs python3-pip
if command -v python3 >/dev/null && ! python3 -c "import moto.server" 2>/dev/null && ! python3 -m pip --version >/dev/null 2>&1; then
  missing+=(python3-pip)
fi
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

# A schema folder counts only when it holds every locked file with its locked digest (an older
# lock's folder or cache does not), as validate itself decides.
matches_lock() {
  local dir=$1 sha path
  [ -d "$dir" ] || return 1
  # a missing file fails the check too (sha256sum cannot open it)
  while read -r sha path _; do
    echo "$sha  $dir/$path"
  done < <(grep -v '^#' scripts/schemas.lock | awk 'NF') | sha256sum --check --quiet --status 2>/dev/null
}
schemas_present() {
  [ -n "${ZCASH_INFRA_SCHEMAS:-}" ] && [ -d "$ZCASH_INFRA_SCHEMAS" ] && return 0
  matches_lock ../shared/schemas && return 0
  matches_lock "${XDG_CACHE_HOME:-$HOME/.cache}/zcash-infra/schemas"
}
if ! schemas_present; then
  echo "fetching the pinned schemas into the cache"
  scripts/fetch-schemas.sh
fi

exec dotnet test "$target" "$@"
