#!/usr/bin/env bash
# Rebuilds RecStream's ONNX models offline and writes them where the jar picks them up
# (udfs/src/main/resources/models/), plus the shared test vectors the Java tests check.
#
#   models/build_models.sh [--data ../shared/data/ml-latest-small]
#
# Needs Debian's python3-onnx and python3-numpy, run with /usr/bin/python3 (the default
# python3 on these machines is another interpreter that cannot see them); installs them
# with apt-get when missing (as root). PyPI is not used.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=/usr/bin/python3
if ! "$PYTHON" -c 'import onnx, numpy' 2>/dev/null; then
  echo "installing python3-onnx python3-numpy with apt-get" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq python3-onnx python3-numpy
fi

"$PYTHON" models/build_intent_model.py "$@"
