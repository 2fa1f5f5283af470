#!/usr/bin/env bash
# Native lane: a working @tensorflow/tfjs-node without internet. Its install script wants to download
# libtensorflow (unreachable here); the tensorflow-cpu wheel that the Python oracle installs carries a
# TensorFlow C library (TF 2.21 standing in for 2.9.1: fine for a test lane, not for shipping). We link
# that library and its C headers into the package and build the N-API addon offline with node-gyp.
# Idempotent and cached; prints "native lane: ready at DIR" or "native lane: skipped: REASON" (exit 0).
set -uo pipefail
cd "$(dirname "$0")/.."
TOOLS=${GRADIENT_LENS_TOOLS:-$HOME/.cache/gradient-lens-tools}
LANE="$TOOLS/native"
PKG="$LANE/pkg/node_modules/@tensorflow/tfjs-node"
READY="$LANE/READY"
start=$SECONDS
skip() { echo "native lane: skipped: $*"; rm -f "$READY"; exit 0; }

check() { # the addon loads and runs on the tensorflow backend
  node -e "const tf=require('$PKG'); if (tf.getBackend()!=='tensorflow') process.exit(1); tf.matMul(tf.ones([2,2]),tf.ones([2,2])).dataSync();" >/dev/null 2>&1
}

if [ -f "$READY" ] && check; then echo "native lane: ready at $PKG (cached)"; exit 0; fi

bash scripts/setup-python-oracle.sh >/dev/null 2>&1 || true
VENV=${GRADIENT_LENS_VENV:-$HOME/.cache/gradient-lens-venv}
TF_DIR=$("$VENV/bin/python" -c 'import os, importlib.util as u; print(os.path.dirname(u.find_spec("tensorflow").origin))' 2>/dev/null) \
  || skip "no tensorflow-cpu wheel in $VENV (python or the local pip index missing)"
[ -f "$TF_DIR/libtensorflow_cc.so.2" ] && [ -f "$TF_DIR/include/tensorflow/c/c_api.h" ] || skip "the tensorflow-cpu wheel in $TF_DIR has no TensorFlow C library"

mkdir -p "$LANE/pkg"
if [ ! -f "$PKG/package.json" ]; then
  (cd "$LANE/pkg" && npm install --no-save --no-audit --no-fund --ignore-scripts --no-package-lock @tensorflow/tfjs-node@4.22.0 >/dev/null 2>&1) \
    || skip "npm could not install @tensorflow/tfjs-node@4.22.0"
fi

lib="$PKG/deps/lib"
mkdir -p "$lib"
ln -sf "$TF_DIR/libtensorflow_cc.so.2" "$lib/libtensorflow.so.2.9.1"
# The addon records the SONAME of the library it linked: libtensorflow_cc.so.2.
ln -sf "$TF_DIR/libtensorflow_cc.so.2" "$lib/libtensorflow_cc.so.2"
ln -sf libtensorflow.so.2.9.1 "$lib/libtensorflow.so.2"
ln -sf libtensorflow.so.2.9.1 "$lib/libtensorflow.so"
ln -sf "$TF_DIR/libtensorflow_framework.so.2" "$lib/libtensorflow_framework.so.2"
ln -sf libtensorflow_framework.so.2 "$lib/libtensorflow_framework.so"
# The C API headers include xla/ and tsl/ headers too: use the wheel's whole include tree.
rm -rf "$PKG/deps/include" && ln -s "$TF_DIR/include" "$PKG/deps/include"

# The package's own install script finds deps/lib/libtensorflow.so.2.9.1, skips the download and builds
# the addon; scripts are allowed for this tools folder only.
(cd "$LANE/pkg" && npm_config_dangerously_allow_all_scripts=true npm rebuild @tensorflow/tfjs-node >"$LANE/build.log" 2>&1) \
  || skip "building the tfjs-node addon failed (see $LANE/build.log)"
check || skip "tfjs-node built but does not run on the tensorflow backend (see $LANE/build.log)"
echo "$PKG" >"$READY"
echo "native lane: ready at $PKG ($((SECONDS - start)) s)"
