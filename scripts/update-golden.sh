#!/usr/bin/env bash
# Rewrites every golden file (stack renders and component renders) from the current code. Run it
# after an intended change, then review `git diff -- '*golden*'`: that diff is the change's effect.
set -euo pipefail
cd "$(dirname "$0")/.."
ZCASH_INFRA_UPDATE_GOLDEN=1 dotnet test ZcashInfra.Offline.slnf --nologo -v quiet >/dev/null
git status --short -- '*golden*'
