#!/usr/bin/env bash
# Sets up the Python (Keras / TensorFlow) gradient oracle used by test/runner/oracle.test.ts.
#
# Idempotent: creates a venv at ${GRADIENT_LENS_VENV:-$HOME/.cache/gradient-lens-venv} and installs
# tensorflow-cpu + keras from the machine's configured local package indexes only (read from
# `pip config list`), failing fast instead of retrying PyPI. Writes a marker file inside the venv once
# the install imports cleanly; later runs see the marker and return at once. Prints the venv's python
# path as its last line.
#
# Environment:
#   GRADIENT_LENS_VENV        venv location
#   GRADIENT_LENS_PIP_INDEXES space-separated index URLs to use instead of those from `pip config list`
#   GRADIENT_LENS_ORACLE_FORCE=1  reinstall even if the marker is present
set -euo pipefail

VENV=${GRADIENT_LENS_VENV:-$HOME/.cache/gradient-lens-venv}
MARKER="$VENV/.gradient-lens-oracle"
PY="$VENV/bin/python"

PYTHON3=$(command -v python3 || true)
if [ -z "$PYTHON3" ]; then
  echo "skipped: python3 not found on PATH; the Keras gradient oracle tests will skip"
  exit 0
fi

check_import() { # prints "tensorflow=X keras=Y" if the venv imports both
  "$PY" - <<'EOF' 2>/dev/null
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf, keras
print(f"tensorflow={tf.__version__} keras={keras.__version__}")
EOF
}

if [ "${GRADIENT_LENS_ORACLE_FORCE:-}" != 1 ] && [ -f "$MARKER" ] && [ -x "$PY" ]; then
  echo "python oracle already set up ($(cat "$MARKER"))"
  echo "$PY"
  exit 0
fi

start=$SECONDS

# Local indexes: the configured index-url / extra-index-url values (any scope), in order.
if [ -n "${GRADIENT_LENS_PIP_INDEXES:-}" ]; then
  read -r -a indexes <<<"$GRADIENT_LENS_PIP_INDEXES"
else
  indexes=()
  while IFS= read -r line; do
    value=${line#*=}
    value=${value#\'}; value=${value%\'}
    value=${value#\"}; value=${value%\"}
    for url in $value; do
      case " ${indexes[*]:-} " in *" $url "*) ;; *) indexes+=("$url") ;; esac
    done
  done < <("$PYTHON3" -m pip config list 2>/dev/null | grep -E '\.(extra-)?index-url=' | grep -v 'pypi\.org' || true)
fi
if [ ${#indexes[@]} -eq 0 ]; then
  echo "error: no local package index found in \`pip config list\` (set GRADIENT_LENS_PIP_INDEXES)" >&2
  exit 1
fi
index_args=(--index-url "${indexes[0]}")
for url in "${indexes[@]:1}"; do index_args+=(--extra-index-url "$url"); done
echo "python oracle: indexes ${indexes[*]}"

if [ ! -x "$PY" ]; then
  echo "python oracle: creating venv $VENV"
  mkdir -p "$(dirname "$VENV")"
  if ! "$PYTHON3" -m venv "$VENV"; then
    rm -rf "$VENV"
    echo "error: \`python3 -m venv\` failed (on Debian/Ubuntu: apt-get install python3-venv)" >&2
    exit 1
  fi
fi

echo "python oracle: installing tensorflow-cpu and keras"
# pip warns once per package about index folders that lack it ("is ignored: it is neither a file nor a
# directory"): harmless noise, filtered out. pipefail keeps pip's exit status.
"$PY" -m pip install --disable-pip-version-check --no-input --retries 0 --timeout 5 \
  "${index_args[@]}" tensorflow-cpu keras 2>&1 |
  { grep -v 'is ignored: it is neither a file nor a directory' || true; }

versions=$(check_import) || {
  echo "error: tensorflow/keras installed but do not import in $VENV" >&2
  exit 1
}
echo "$versions" >"$MARKER"
echo "python oracle ready in $((SECONDS - start)) s: $versions"
echo "$PY"
