#!/usr/bin/env bash
# Publishes the offline CLI (render, validate, diff) ahead-of-time compiled (ReadyToRun) for this
# machine, into a folder (default: artifacts/cli). A ReadyToRun build skips most JIT work at start:
# `validate prod` takes about 0.6 of the CPU time of a plain build (docs/reviewing-changes.md).
# It still needs the .NET runtime; run it as `dotnet <folder>/zcash-infra.dll validate prod`.
#
#   scripts/publish-cli.sh [output-folder] [runtime-identifier]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/cli}
rid=${2:-$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')}
dotnet publish stacks/ZcashInfra.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out" --nologo -v q
echo "published to $out: dotnet $out/zcash-infra.dll validate <stack>"
