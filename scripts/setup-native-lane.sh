#!/usr/bin/env bash
# Native lane: a working @tensorflow/tfjs-node without internet, for tests and benchmarks on the
# `tensorflow` backend. tfjs-node's install script downloads libtensorflow from Google storage
# (unreachable here). The tensorflow-cpu wheel on the local pip index carries a TensorFlow C library
# (libtensorflow_cc.so.2 exports the TF/TFE C API) and its C headers: TF 2.21 standing in for the 2.9.1
# that tfjs-node 4.22.0 expects. Fine for a test lane, not something to ship.
#
#   1. pip download tensorflow-cpu==2.21.0 --no-deps (local indexes from `pip config list`, no retries),
#      extract libtensorflow_cc.so.2, libtensorflow_framework.so.2 and only the C headers the addon
#      includes (their #include closure, ~15 files) into <cache>/native/tensorflow-cpu-2.21.0/;
#      the wheel is deleted afterwards.
#   2. npm install @tensorflow/tfjs-node@4.22.0 --ignore-scripts into a fresh <cache>/native/pkg.new.*,
#      link the libraries (under every name the addon build and loader look for) into its deps/lib and
#      the headers into deps/include, build the N-API addon with the package's own node-pre-gyp
#      (`install --build-from-source`: no download attempt, one build for the best N-API version, where
#      `rebuild` would build all six; node-gyp gets nodedir from npm config or node's prefix).
#   3. Check in a fresh node: backend 'tensorflow', and a dense model's gradients equal the cpu
#      backend's (relative error < 1e-4). Only then swap it in as <cache>/native/pkg (rename: a
#      half-built lane never replaces a working one) and write the package dir into <cache>/native/READY.
#
# Cache: <cache> = ${GRADIENT_LENS_TOOLS:-$HOME/.cache/gradient-lens-tools}. Idempotent: a lane whose
# stamp matches and which passes the check is reused ("(cached)", <1 s incl. the gradient check). Non-interactive; concurrent
# runs serialize on a lock. Prints "native lane: ready at DIR" or "native lane: skipped: REASON"
# (exit 0 in both cases; READY is removed when skipped). Logs: <cache>/native/logs/.
#
# Environment: GRADIENT_LENS_TOOLS (cache root), GRADIENT_LENS_PIP_INDEXES (space-separated index URLs
# instead of those from `pip config list`), GRADIENT_LENS_NATIVE_FORCE=1 (rebuild even if cached).
set -uo pipefail

TF_VERSION=2.21.0
TFJS_NODE_VERSION=4.22.0
TOOLS=${GRADIENT_LENS_TOOLS:-$HOME/.cache/gradient-lens-tools}
LANE="$TOOLS/native"
TF="$LANE/tensorflow-cpu-$TF_VERSION"
PKGROOT="$LANE/pkg"
PKG="$PKGROOT/node_modules/@tensorflow/tfjs-node"
READY="$LANE/READY"
LOGS="$LANE/logs"
STAMP_TEXT="tfjs-node=$TFJS_NODE_VERSION tensorflow-cpu=$TF_VERSION lib=$TF/lib"
start=$SECONDS
NEW=""

say() { echo "native lane: $*"; }
cleanup() { [ -n "$NEW" ] && rm -rf "$NEW"; }
trap cleanup EXIT
skip() {
  say "skipped: $*"
  rm -f "$READY"
  exit 0
}

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || skip "the tensorflow-cpu wheel's C library is used on Linux x86_64 only (this is $(uname -s)-$(uname -m))"
command -v node >/dev/null || skip "node not found on PATH"
command -v npm >/dev/null || skip "npm not found on PATH"
mkdir -p "$LANE" "$LOGS" || skip "cannot create $LANE"

# One setup at a time (test.sh of several engineers, parallel CI steps).
if command -v flock >/dev/null; then
  exec 9>"$LANE/.lock"
  flock -w 1200 9 || skip "another setup-native-lane.sh holds $LANE/.lock for more than 20 min"
fi

# Verification script: load the lane's tfjs-node in a fresh node, require backend 'tensorflow', compare a
# dense model's gradients with the cpu backend's. Prints one summary line; exit 1 with a reason otherwise.
VERIFY="$LANE/verify-native.js"
cat >"$VERIFY" <<'EOF'
'use strict';
// Usage: node verify-native.js <tfjs-node package dir>
const pkg = process.argv[2];
const fail = (msg) => { console.error(msg); process.exit(1); };
let tf;
try { tf = require(pkg); } catch (e) { fail(`require(tfjs-node) failed: ${String(e.message).split('\n')[0]}`); }
tf.env().set('PROD', true);
if (tf.getBackend() !== 'tensorflow') fail(`default backend is ${tf.getBackend()}, not tensorflow`);

let seed = 20261122; // deterministic data and weights, shared by both backends
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
const N = 32, D = 20, H = 16, C = 4;
const X = Float32Array.from({ length: N * D }, rand);
const Y = Int32Array.from({ length: N }, (_, i) => (i * 7) % C);
let weights;

async function gradients(backend) {
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) fail(`backend ${backend} did not initialize`);
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [D], units: H, activation: 'relu' }),
    tf.layers.dense({ units: H, activation: 'tanh' }),
    tf.layers.dense({ units: C, activation: 'softmax' }),
  ] });
  weights ??= model.getWeights().map((w) => [Float32Array.from({ length: w.size }, () => 0.5 * rand()), w.shape]);
  model.setWeights(weights.map(([v, s]) => tf.tensor(v, s)));
  const out = tf.tidy(() => {
    const xs = tf.tensor2d(X, [N, D]);
    const ys = tf.oneHot(tf.tensor1d(Y, 'int32'), C);
    const vars = model.trainableWeights.map((w) => w.read());
    const { value, grads } = tf.variableGrads(() => tf.metrics.categoricalCrossentropy(ys, model.predict(xs)).mean(), vars);
    return { loss: value.dataSync()[0], grads: vars.map((v) => grads[v.name].dataSync()) };
  });
  model.dispose();
  return out;
}

(async () => {
  const native = await gradients('tensorflow');
  const cpu = await gradients('cpu');
  let worst = 0;
  native.grads.forEach((g, i) => {
    const ref = cpu.grads[i];
    let diff = 0, norm = 0;
    for (let k = 0; k < ref.length; k++) { diff += (g[k] - ref[k]) ** 2; norm += ref[k] ** 2; }
    worst = Math.max(worst, Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-30));
  });
  const line = `dense ${D}-${H}-${H}-${C} (batch ${N}) gradients, tensorflow vs cpu: max relative error ` +
    `${worst.toExponential(1)}, loss ${native.loss.toFixed(7)} vs ${cpu.loss.toFixed(7)}`;
  if (!(worst < 1e-4) || !(Math.abs(native.loss - cpu.loss) < 1e-4 * Math.abs(cpu.loss))) fail(`gradient mismatch: ${line}`);
  console.log(line);
})().catch((e) => {
  const msg = String(e.message).split('\n')[0];
  // tfjs-node 4.22.0 calls util.isNullOrUndefined, removed in Node 23 (fix merged upstream, unreleased:
  // tensorflow/tfjs#8425, #8609); the addon itself loads fine there.
  const hint = /isNullOrUndefined|isArray/.test(msg) ? ` (tfjs-node ${require(pkg + '/package.json').version} on Node ${process.version}: ` +
    'node:util lost isNullOrUndefined in Node 23, tensorflow/tfjs#8609; define it before requiring tfjs-node)' : '';
  fail(`gradient check threw: ${msg}${hint}`);
});
EOF

verify() { # verify PKGDIR : prints the summary line; the reason goes to $LOGS/verify.log
  TF_CPP_MIN_LOG_LEVEL=2 node "$VERIFY" "$1" 2>"$LOGS/verify.log"
}

# Cached: stamp matches, READY points at it, and it passes the check.
if [ "${GRADIENT_LENS_NATIVE_FORCE:-}" != 1 ] && [ "$(cat "$PKGROOT/.gradient-lens-native" 2>/dev/null)" = "$STAMP_TEXT" ] &&
  [ "$(cat "$READY" 2>/dev/null)" = "$PKG" ] && line=$(verify "$PKG"); then
  say "$line"
  say "ready at $PKG (cached, $((SECONDS - start)) s)"
  exit 0
fi
# READY stays while rebuilding: the folder it names is replaced by a rename only once the new lane works.

# --- the tensorflow-cpu wheel (only while its files are not cached); first, so that a missing python,
# pip or wheel skips within seconds ---
if [ ! -f "$TF/.complete" ]; then
  PYTHON=$(command -v python3 || command -v python || true)
  [ -n "$PYTHON" ] || skip "python3 not found on PATH (pip fetches the tensorflow-cpu wheel)"
  "$PYTHON" -m pip --version >/dev/null 2>&1 || skip "pip is not available for $PYTHON"

  # Local indexes: the configured index-url / extra-index-url values, in order; the first becomes
  # --index-url, the others --extra-index-url (without them pip retries PyPI for minutes).
  if [ -n "${GRADIENT_LENS_PIP_INDEXES:-}" ]; then
    read -r -a indexes <<<"$GRADIENT_LENS_PIP_INDEXES"
  else
    indexes=()
    while IFS= read -r cfg; do
      value=${cfg#*=}
      value=${value#\'}; value=${value%\'}; value=${value#\"}; value=${value%\"}
      for url in $value; do
        case " ${indexes[*]:-} " in *" $url "*) ;; *) indexes+=("$url") ;; esac
      done
    done < <("$PYTHON" -m pip config list 2>/dev/null | grep -E '\.(extra-)?index-url=' || true)
  fi
  index_args=()
  if [ ${#indexes[@]} -gt 0 ]; then
    index_args=(--index-url "${indexes[0]}")
    for url in "${indexes[@]:1}"; do index_args+=(--extra-index-url "$url"); done
  fi

  WHEELS="$LANE/wheel"
  rm -rf "$WHEELS" && mkdir -p "$WHEELS"
  say "fetching tensorflow-cpu==$TF_VERSION (${indexes[*]:-pip defaults})"
  pip_download() {
    "$PYTHON" -m pip download --disable-pip-version-check --no-input --retries 0 --timeout 10 \
      "${index_args[@]}" --no-deps --only-binary=:all: --dest "$WHEELS" "$@" "tensorflow-cpu==$TF_VERSION" >>"$LOGS/pip.log" 2>&1
  }
  : >"$LOGS/pip.log"
  # Only the C library is used, so any CPython tag will do: try this python's own first, then cp311.
  pip_download || pip_download --python-version 3.11 --implementation cp --platform manylinux_2_27_x86_64 ||
    skip "pip could not fetch tensorflow-cpu==$TF_VERSION (see $LOGS/pip.log)"
  WHEEL=$(ls "$WHEELS"/tensorflow_cpu-"$TF_VERSION"-*.whl 2>/dev/null | head -n 1)
  [ -n "$WHEEL" ] || skip "pip reported success but left no tensorflow_cpu wheel in $WHEELS"
fi

# --- tfjs-node package, install scripts not run, into a fresh folder (swapped in once it works) ---
NEW=$(mktemp -d "$LANE/pkg.new.XXXXXX") && chmod 755 "$NEW" || skip "cannot create a folder in $LANE"
NEWPKG="$NEW/node_modules/@tensorflow/tfjs-node"
# A package.json of its own so that npm installs here, not into some node_modules further up.
echo '{ "name": "gradient-lens-native-lane", "private": true }' >"$NEW/package.json"
say "installing @tensorflow/tfjs-node@$TFJS_NODE_VERSION (--ignore-scripts)"
(cd "$NEW" && npm install --prefix "$NEW" --ignore-scripts --no-save --no-package-lock --no-audit --no-fund \
  --loglevel=error "@tensorflow/tfjs-node@$TFJS_NODE_VERSION" >"$LOGS/npm.log" 2>&1) ||
  skip "npm could not install @tensorflow/tfjs-node@$TFJS_NODE_VERSION (see $LOGS/npm.log)"
[ -f "$NEWPKG/binding.gyp" ] || skip "npm installed no @tensorflow/tfjs-node with a binding.gyp (see $LOGS/npm.log)"

# --- TensorFlow C library + headers from the wheel (cached across package rebuilds) ---
if [ ! -f "$TF/.complete" ]; then
  # Headers: the #include closure (within the wheel) of what the addon's sources include.
  mapfile -t seeds < <(grep -ho '#include "tensorflow/[^"]*"' "$NEWPKG"/binding/*.cc "$NEWPKG"/binding/*.h 2>/dev/null | cut -d'"' -f2 | sort -u)
  say "extracting the C library and headers from $(basename "$WHEEL")"
  rm -rf "$TF.tmp" && mkdir -p "$TF.tmp/lib" "$TF.tmp/include"
  "$PYTHON" - "$WHEEL" "$TF.tmp" tensorflow/c/c_api.h tensorflow/c/eager/c_api.h "${seeds[@]}" >"$LOGS/extract.log" 2>&1 <<'EOF' ||
import os, re, shutil, sys, zipfile
wheel, dest, *seeds = sys.argv[1:]
z = zipfile.ZipFile(wheel)
names = set(z.namelist())
def find(suffix):
    hits = sorted((n for n in names if n == suffix or n.endswith('/' + suffix)), key=len)
    if not hits:
        sys.exit(f'{suffix} is not in {os.path.basename(wheel)}')
    return hits[0]
def extract(member, out, mode):
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with z.open(member) as src, open(out, 'wb') as dst:
        shutil.copyfileobj(src, dst, 1 << 22)
    os.chmod(out, mode)
for lib in ('libtensorflow_cc.so.2', 'libtensorflow_framework.so.2'):
    extract(find(lib), os.path.join(dest, 'lib', lib), 0o755)
root = find('tensorflow/c/c_api.h')[:-len('tensorflow/c/c_api.h')]  # tensorflow/include/
include = re.compile(rb'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
todo, done = list(seeds), set()
while todo:
    header = todo.pop()
    if header in done or root + header not in names:
        continue  # system / C++ standard headers
    done.add(header)
    data = z.read(root + header)
    todo += [m.decode() for m in include.findall(data)]
    extract(root + header, os.path.join(dest, 'include', header), 0o644)
missing = [s for s in seeds if s not in done]
if missing:
    sys.exit(f'headers not in the wheel: {missing}')
print(f'{len(done)} headers from {root}')
EOF
    skip "extracting the wheel failed (see $LOGS/extract.log)"
  echo "tensorflow-cpu $TF_VERSION from $(basename "$WHEEL")" >"$TF.tmp/.complete"
  rm -rf "$TF" && mv "$TF.tmp" "$TF" && rm -rf "$WHEELS"
fi

# --- the libraries under the names the build (-ltensorflow -ltensorflow_framework), the install script's
# skip check (libtensorflow.so.2.9.1) and the loader (the SONAMEs libtensorflow_cc.so.2,
# libtensorflow_framework.so.2; RUNPATH $ORIGIN/../../deps/lib) look for ---
lib="$NEWPKG/deps/lib"
mkdir -p "$lib"
ln -sfn "$TF/lib/libtensorflow_cc.so.2" "$lib/libtensorflow_cc.so.2"
ln -sfn "$TF/lib/libtensorflow_cc.so.2" "$lib/libtensorflow.so.2.9.1"
ln -sfn libtensorflow.so.2.9.1 "$lib/libtensorflow.so.2"
ln -sfn libtensorflow.so.2.9.1 "$lib/libtensorflow.so"
ln -sfn "$TF/lib/libtensorflow_framework.so.2" "$lib/libtensorflow_framework.so.2"
ln -sfn libtensorflow_framework.so.2 "$lib/libtensorflow_framework.so"
rm -rf "$NEWPKG/deps/include" && ln -s "$TF/include" "$NEWPKG/deps/include"

# --- build the addon: node-pre-gyp (what the install script runs) computes module_path etc. ---
PREGYP=$(node -p "require.resolve('@mapbox/node-pre-gyp/bin/node-pre-gyp', { paths: [process.argv[1]] })" "$NEWPKG" 2>/dev/null) ||
  skip "@mapbox/node-pre-gyp (a tfjs-node dependency) is missing in $NEW"
# Node headers without a download: npm's nodedir (the machine's npmrc sets /usr), else node's own prefix.
nodedir=${npm_config_nodedir:-$(npm config get nodedir 2>/dev/null)}
case "$nodedir" in "" | undefined | null) nodedir="" ;; esac
if [ -z "$nodedir" ]; then
  prefix=$(dirname "$(dirname "$(node -p process.execPath)")")
  [ -f "$prefix/include/node/node_api.h" ] && nodedir=$prefix
fi
say "building the tfjs-node addon (node $(node --version)${nodedir:+, headers from $nodedir})"
(cd "$NEWPKG" && env ${nodedir:+npm_config_nodedir="$nodedir"} node "$PREGYP" install --build-from-source >"$LOGS/build.log" 2>&1) ||
  skip "building the tfjs-node addon failed (see $LOGS/build.log)"
rm -rf "$NEWPKG/build-tmp-napi-v"*  # object files; the addon is in lib/napi-v*/

line=$(verify "$NEWPKG") || skip "tfjs-node built but the check failed: $(tail -n 1 "$LOGS/verify.log")"
echo "$STAMP_TEXT" >"$NEW/.gradient-lens-native"

# --- swap in: the addon's RUNPATH is relative and the library links absolute, so the folder can move ---
OLD=""
if [ -e "$PKGROOT" ]; then OLD="$LANE/pkg.old.$$" && mv "$PKGROOT" "$OLD"; fi
mv "$NEW" "$PKGROOT" || skip "cannot move $NEW to $PKGROOT"
NEW=""
[ -n "$OLD" ] && rm -rf "$OLD"
echo "$PKG" >"$READY"
say "$line"
say "ready at $PKG ($((SECONDS - start)) s)"
