#!/usr/bin/env bash
# Rewrites the golden renders the tests compare against. Run it after an intended change, then
# review `git diff tests/ZcashInfra.Cli.Tests/golden` — that diff is the change's effect.
set -euo pipefail
cd "$(dirname "$0")/.."
golden=tests/ZcashInfra.Cli.Tests/golden
dotnet build stacks/ZcashInfra.Cli -v quiet -nologo >/dev/null
for stack in dev prod; do
  for format in json tree; do
    dotnet run --no-build --project stacks/ZcashInfra.Cli -- render "$stack" --format "$format" --out "$golden" >/dev/null
  done
done
git status --short "$golden"
