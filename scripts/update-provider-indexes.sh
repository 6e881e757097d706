#!/usr/bin/env bash
# Regenerates the Pulumi provider indexes in schemas/pulumi/ for the provider versions pinned in
# Directory.Packages.props, from each provider's published package schema
# (`pulumi package get-schema <provider>@<version>`, which needs the Pulumi CLI and downloads the
# provider plugin), and rewrites their lines in scripts/schemas.lock. Run it after bumping a
# provider pin; a test fails until the index of every pinned version is committed.
#
# The committed indexes of the first pins were extracted from the providers' SDK sources instead
# (see schemas/pulumi/README.md): the same inputs, named after the SDK classes. An index written
# by this script names nested types by their schema tokens; `validate` reads either.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pulumi >/dev/null || { echo "the Pulumi CLI is not installed (https://www.pulumi.com/docs/install/); the committed indexes stay as they are" >&2; exit 1; }

pin() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" Directory.Packages.props; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# The modules whose resources this project registers (NodePools, SnapshotStore, SnapshotAccess).
generate() { # package version index-file [script options]
  local package=$1 version=$2 file=$3; shift 3
  pulumi package get-schema "$package@$version" > "$tmp/$package.json"
  python3 scripts/provider-index.py "$tmp/$package.json" "$@" > "schemas/pulumi/$file"
  local sha; sha=$(sha256sum "schemas/pulumi/$file" | cut -d' ' -f1)
  grep -v " pulumi/$package-v" scripts/schemas.lock > "$tmp/lock"
  echo "$sha  pulumi/$file  repo:schemas/pulumi/$file" >> "$tmp/lock"
  cp "$tmp/lock" scripts/schemas.lock
  echo "schemas/pulumi/$file  $sha"
}

generate gcp "$(pin PulumiGcpVersion)" "gcp-v$(pin PulumiGcpVersion).json" --modules storage,container,serviceaccount,projects,iam,compute,kms
generate aws "$(pin PulumiAwsVersion)" "aws-v$(pin PulumiAwsVersion).json" --modules s3,eks,iam,ec2
generate kubernetes "$(pin PulumiKubernetesVersion)" "kubernetes-v$(pin PulumiKubernetesVersion)-tokens.json" --tokens-only
echo "Remove the indexes of versions no longer pinned from schemas/pulumi/, then run the tests."
