#!/usr/bin/env bash
# Regenerates docs/configuration.md from the settings records (keys, types, defaults, XML docs).
# Review `git diff docs/configuration.md` afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
ZCASH_INFRA_UPDATE_GOLDEN=1 dotnet test tests/ZcashInfra.Stacks.Tests --nologo -v quiet \
  --filter "FullyQualifiedName~ConfigurationReferenceTests.Docs_configuration_md_is_generated_from_the_current_settings" >/dev/null
git status --short -- docs/configuration.md
