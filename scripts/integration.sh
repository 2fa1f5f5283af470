#!/usr/bin/env bash
# Integration tests inside real VS Code (code-server + Chromium): installs the tools (cached), builds the
# suite, runs it in a trusted and in an untrusted workspace. Each run prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-vscode-test-tools.sh || { echo "0 passed, 1 failed"; exit 1; }
npm run --silent build && npm run --silent build:tests || { echo "0 passed, 1 failed"; exit 1; }
rc=0
node --import tsx test/integration/runInCodeServer.ts --workspace test/fixtures/workspace-basic --screenshots test-output/screenshots --timeout 600 || rc=1
node --import tsx test/integration/runInCodeServer.ts --workspace test/fixtures/workspace-basic --untrusted || rc=1
exit $rc
