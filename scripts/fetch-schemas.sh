#!/usr/bin/env bash
# Installs the pinned offline schemas (Kubernetes 1.34 strict, Tekton CRDs, KEDA and Prometheus
# Operator CRD schemas, and the Pulumi provider indexes committed in schemas/pulumi/) into the
# cache, for a clone that has no ../shared/schemas beside it. `validate` does the same by itself
# on first use; this script is for CI steps and machines that prefer to fetch ahead of time.
# Every file is checked against the SHA-256 in scripts/schemas.lock; a mismatch aborts and nothing
# is installed; the finished folder replaces the old one by a rename.
#
#   scripts/fetch-schemas.sh [--dest DIR]
#
# --dest   default: ${XDG_CACHE_HOME:-~/.cache}/zcash-infra/schemas
# ZCASH_INFRA_SCHEMA_BASE_URL replaces https://raw.githubusercontent.com in the locked URLs (a mirror).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
dest="${XDG_CACHE_HOME:-$HOME/.cache}/zcash-infra/schemas"
while [ $# -gt 0 ]; do
  case "$1" in
    --dest) dest="$2"; shift 2 ;;
    *) echo "usage: $0 [--dest DIR]" >&2; exit 2 ;;
  esac
done
mirror="${ZCASH_INFRA_SCHEMA_BASE_URL:-}"

mkdir -p "$(dirname "$dest")"
staging=$(mktemp -d "$(dirname "$dest")/.schemas-staging.XXXXXX")
trap 'rm -rf "$staging"' EXIT
sums="$staging/SHA256SUMS"
: > "$sums.tmp"
while read -r sha path source; do
  case "$sha" in ''|\#*) continue ;; esac
  mkdir -p "$staging/$(dirname "$path")"
  case "$source" in
    repo:*) cp "$repo/${source#repo:}" "$staging/$path" ;;
    https://raw.githubusercontent.com/*)
      url="$source"
      [ -n "$mirror" ] && url="${mirror%/}/${source#https://raw.githubusercontent.com/}"
      curl -fsSL --retry 3 -o "$staging/$path" "$url" ;;
    *) echo "schemas.lock: unsupported source for $path: $source" >&2; exit 1 ;;
  esac
  echo "$sha  ./$path" >> "$sums.tmp"
done < "$here/schemas.lock"

(cd "$staging" && sha256sum --quiet -c SHA256SUMS.tmp) || { echo "digest mismatch: nothing installed" >&2; exit 1; }
mv "$sums.tmp" "$sums"
old="$dest.old.$$"
[ -e "$dest" ] && mv "$dest" "$old"
mv "$staging" "$dest"
rm -rf "$old"
trap - EXIT
echo "schemas installed in $dest ($(grep -c . "$dest/SHA256SUMS") files, digests verified)"
