#!/usr/bin/env bash
# End-to-end checks through the VS Code UI (code-server + headless Chromium), see test/e2e/profileViaUi.ts:
#   1. the extension from the repository (extensionDevelopmentPath); and F5's "Run the extension" as far as it
#      runs without desktop VS Code (test/e2e/launchConfig.ts)
#   2. the packaged extension: `npm run package` → gradient-lens.vsix, its contents checked (no sources,
#      tests or fixtures), installed into a fresh code-server extensions folder, profiled the same way.
#   3. the packaged extension in the browser worker extension host (VS Code for the Web's), see
#      test/e2e/webWorker.ts: inline warnings and their quick fix work there, profiling explains itself.
# Installs the test tools first (cached). Screenshots go to test-output/screenshots/e2e-{dev,vsix}-{light,dark}.png.
# Last line: "N passed, N failed" summed over both runs (the runs' own count lines are shown as "run: …",
# so that scripts/test.sh, which sums every such line, counts each check once); exit 0 only without failure.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${GRADIENT_LENS_TEST_OUT:-test-output}
SHOTS="$OUT/screenshots"
mkdir -p "$SHOTS"
passed=0; failed=0; rc=0
fail_early() { echo "e2e: $*"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
add_counts() { # add_counts LOG: the last "N passed, N failed" line of a run
  local p f
  read -r p f <<<"$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -1 | awk '{print $1, $3}')"
  if [ -z "${p:-}" ]; then failed=$((failed + 1)); else passed=$((passed + p)); failed=$((failed + f)); fi
}

bash scripts/install-vscode-test-tools.sh >"$OUT/e2e-tools.log" 2>&1 || { cat "$OUT/e2e-tools.log"; fail_early "installing the test tools failed"; }

echo "=== e2e: build and package"
t=$SECONDS
npm run --silent package >"$OUT/e2e-package.log" 2>&1 || { tail -30 "$OUT/e2e-package.log"; fail_early "npm run package failed"; }
[ -f gradient-lens.vsix ] || fail_early "gradient-lens.vsix not produced"
echo "packaged in $((SECONDS - t)) s: $(grep -E 'Packaged:' "$OUT/e2e-package.log" | sed 's/\x1b\[[0-9;]*m//g' | sed 's/^.*Packaged: //')"

echo "=== e2e: .vsix contents"
listing=$(unzip -l gradient-lens.vsix) || fail_early "unzip -l gradient-lens.vsix failed"
files=$(awk '$4 ~ /^extension\// {print $4}' <<<"$listing")
count=$(wc -l <<<"$files")
size=$(stat -c %s gradient-lens.vsix)
forbidden=$(grep -E '^extension/(src|test|out|bench|scripts|examples|webview|tmp|test-output|\.ci|\.github)/|^extension/[^/]*\.(ts|mjs)$|\.ts$|\.map$|^extension/node_modules/(@vscode/test|playwright|mocha|typescript|tsx)' <<<"$files" | grep -v '\.d\.ts$' || true)
required="extension/package.json extension/dist/extension.js extension/dist/web/extension.js extension/dist/runner.js extension/dist/esmHooks.mjs extension/node_modules/@tensorflow/tfjs/package.json extension/node_modules/@tensorflow/tfjs-backend-wasm/package.json"
missing=""
for f in $required; do grep -qxF "$f" <<<"$files" || missing="$missing $f"; done
echo "gradient-lens.vsix: $size bytes ($(awk "BEGIN {printf \"%.1f\", $size/1048576}") MB), $count files in extension/"
if [ -z "$forbidden" ] && [ -z "$missing" ]; then
  echo "  ok   the .vsix holds the bundles and runtime dependencies, no sources, tests or fixtures"; passed=$((passed + 1))
else
  [ -z "$forbidden" ] || printf '  FAIL not for the .vsix:\n%s\n' "$(head -20 <<<"$forbidden")"
  [ -z "$missing" ] || echo "  FAIL missing from the .vsix:$missing"
  failed=$((failed + 1))
fi

echo "=== e2e: extension from the repository"
node --import tsx test/e2e/profileViaUi.ts --screenshots "$SHOTS" 2>&1 | tee "$OUT/e2e-dev.log" | sed -u -E 's/^([0-9]+ passed, [0-9]+ failed)$/run: \1/'
[ "${PIPESTATUS[0]}" = 0 ] || rc=1
add_counts "$OUT/e2e-dev.log"

echo "=== e2e: F5's \"Run the extension\" (.vscode/launch.json) started in code-server"
node --import tsx test/e2e/launchConfig.ts 2>&1 | tee "$OUT/e2e-launch.log" | sed -u -E 's/^([0-9]+ passed, [0-9]+ failed)$/run: \1/'
[ "${PIPESTATUS[0]}" = 0 ] || rc=1
add_counts "$OUT/e2e-launch.log"

echo "=== e2e: packaged extension (.vsix)"
node --import tsx test/e2e/profileViaUi.ts --vsix gradient-lens.vsix --screenshots "$SHOTS" 2>&1 | tee "$OUT/e2e-vsix.log" | sed -u -E 's/^([0-9]+ passed, [0-9]+ failed)$/run: \1/'
[ "${PIPESTATUS[0]}" = 0 ] || rc=1
add_counts "$OUT/e2e-vsix.log"

echo "=== e2e: packaged extension in a browser worker (VS Code for the Web)"
node --import tsx test/e2e/webWorker.ts --vsix gradient-lens.vsix --screenshots "$SHOTS" 2>&1 | tee "$OUT/e2e-web.log" | sed -u -E 's/^([0-9]+ passed, [0-9]+ failed)$/run: \1/'
[ "${PIPESTATUS[0]}" = 0 ] || rc=1
add_counts "$OUT/e2e-web.log"

[ "$failed" = 0 ] || rc=1
echo "$passed passed, $failed failed"
exit $rc
