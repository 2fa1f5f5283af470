#!/usr/bin/env bash
# Sets up the Python (Keras / TensorFlow) gradient oracle used by test/runner/oracle.test.ts, and the
# PyTorch Lightning LR-finder peer used by test/runner/lrLightning.test.ts (torch CPU + pytorch-lightning).
#
# Idempotent: creates a venv at ${GRADIENT_LENS_VENV:-$HOME/.cache/gradient-lens-venv} and installs
# tensorflow-cpu + keras, then torch + pytorch-lightning, from the machine's configured local package
# indexes only (read from `pip config list`), failing fast instead of retrying PyPI. Writes a marker file
# per stack inside the venv once it imports cleanly; later runs see the markers and return at once. Prints
# the venv's python path as its last line. (Measured here: torch CPU 34 s + pytorch-lightning 3 s.)
#
# Environment:
#   GRADIENT_LENS_VENV        venv location
#   GRADIENT_LENS_PIP_INDEXES space-separated index URLs to use instead of those from `pip config list`
#   GRADIENT_LENS_ORACLE_FORCE=1  reinstall even if the markers are present
#   GRADIENT_LENS_TORCH       pip requirement for torch; default: the `+cpu` wheel for this Python found
#                             in pip's configured find-links folders, else plain `torch` (a CUDA build
#                             that pulls gigabytes of nvidia-* wheels)
set -euo pipefail

VENV=${GRADIENT_LENS_VENV:-$HOME/.cache/gradient-lens-venv}
MARKER="$VENV/.gradient-lens-oracle"
LIGHTNING_MARKER="$VENV/.gradient-lens-lightning"
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

check_lightning() { # prints "torch=X pytorch_lightning=Y" if the venv imports both
  "$PY" -c 'import torch, pytorch_lightning as pl; print(f"torch={torch.__version__} pytorch_lightning={pl.__version__}")' 2>/dev/null
}

if [ "${GRADIENT_LENS_ORACLE_FORCE:-}" = 1 ]; then rm -f "$MARKER" "$LIGHTNING_MARKER"; fi
if [ -f "$MARKER" ] && [ -f "$LIGHTNING_MARKER" ] && [ -x "$PY" ]; then
  echo "python oracle already set up ($(cat "$MARKER") $(cat "$LIGHTNING_MARKER"))"
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

pip_install() {
  # pip warns once per package about index folders that lack it ("is ignored: it is neither a file nor a
  # directory"): harmless noise, filtered out. pipefail keeps pip's exit status.
  "$PY" -m pip install --disable-pip-version-check --no-input --retries 0 --timeout 5 \
    "${index_args[@]}" "$@" 2>&1 |
    { grep -v 'is ignored: it is neither a file nor a directory' || true; }
}

if [ ! -f "$MARKER" ]; then
  echo "python oracle: installing tensorflow-cpu and keras"
  pip_install tensorflow-cpu keras
  versions=$(check_import) || {
    echo "error: tensorflow/keras installed but do not import in $VENV" >&2
    exit 1
  }
  echo "$versions" >"$MARKER"
  echo "python oracle ready in $((SECONDS - start)) s: $versions"
fi

if [ ! -f "$LIGHTNING_MARKER" ]; then
  lightning_start=$SECONDS
  torch_spec=${GRADIENT_LENS_TORCH:-}
  if [ -z "$torch_spec" ]; then
    # The indexes' newest torch is the CUDA build; the CPU build is a `+cpu` wheel in a find-links folder.
    tag=$("$PY" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')
    while IFS= read -r line; do
      value=${line#*=}; value=${value#\'}; value=${value%\'}
      for dir in $value; do
        dir=${dir#file://}
        for wheel in "$dir"/torch-*+cpu-"$tag"-"$tag"-*linux*_x86_64.whl; do
          [ -f "$wheel" ] && torch_spec=$wheel
        done
      done
    done < <("$PYTHON3" -m pip config list 2>/dev/null | grep -E '\.find-links=' || true)
    torch_spec=${torch_spec:-torch}
  fi
  echo "python oracle: installing $torch_spec and pytorch-lightning"
  pip_install "$torch_spec" pytorch-lightning
  versions=$(check_lightning) || {
    echo "error: torch/pytorch-lightning installed but do not import in $VENV" >&2
    exit 1
  }
  echo "$versions" >"$LIGHTNING_MARKER"
  echo "lightning peer ready in $((SECONDS - lightning_start)) s: $versions"
fi
echo "$PY"
