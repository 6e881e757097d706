#!/usr/bin/env bash
# Downloads the pinned offline schemas (Kubernetes 1.34 strict, Tekton CRDs, KEDA and Prometheus
# Operator CRD schemas) into a local cache, for a clone that has no ../shared/schemas beside it.
# Every file is checked against the SHA-256 in scripts/schemas.lock; a mismatch aborts and nothing
# is left half-written. `validate` and the tests find the cache on their own.
#
#   scripts/fetch-schemas.sh [--dest DIR] [--provider-indexes DIR]
#
# --dest              default: ${XDG_CACHE_HOME:-~/.cache}/zcash-infra/schemas
# --provider-indexes  a folder holding pulumi/*.json provider indexes (they are extracted data with
#                     no download URL); without it they are not installed and validation of cloud
#                     resources reports the index as missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest="${XDG_CACHE_HOME:-$HOME/.cache}/zcash-infra/schemas"
indexes=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dest) dest="$2"; shift 2 ;;
    --provider-indexes) indexes="$2"; shift 2 ;;
    *) echo "usage: $0 [--dest DIR] [--provider-indexes DIR]" >&2; exit 2 ;;
  esac
done

staging=$(mktemp -d "${TMPDIR:-/tmp}/zcash-schemas.XXXXXX")
trap 'rm -rf "$staging"' EXIT
sums="$staging/SHA256SUMS"
: > "$sums"
while read -r sha path url; do
  case "$sha" in ''|\#*) continue ;; esac
  mkdir -p "$staging/$(dirname "$path")"
  if [ "$url" = "-" ]; then
    if [ -n "$indexes" ] && [ -f "$indexes/$path" ]; then
      cp "$indexes/$path" "$staging/$path"
    elif [ -n "$indexes" ] && [ -f "$indexes/$(basename "$path")" ]; then
      cp "$indexes/$(basename "$path")" "$staging/$path"
    else
      echo "skip  $path (provider index: pass --provider-indexes DIR to install it)" >&2
      continue
    fi
  else
    curl -fsSL --retry 3 -o "$staging/$path" "$url"
  fi
  echo "$sha  ./$path" >> "$sums"
done < "$here/schemas.lock"

(cd "$staging" && sha256sum --quiet -c SHA256SUMS) || { echo "digest mismatch: nothing installed" >&2; exit 1; }
mkdir -p "$(dirname "$dest")"
rm -rf "$dest.new" && cp -r "$staging" "$dest.new" && rm -rf "$dest" && mv "$dest.new" "$dest"
echo "schemas installed in $dest ($(grep -c . "$sums") files, digests verified)"
