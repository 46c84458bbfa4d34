#!/usr/bin/env bash
# Rebuilds RecStream's ONNX models offline and writes them where the jar picks them up
# (udfs/src/main/resources/models/), plus the shared test vectors the Java tests check.
#
#   models/build_models.sh [--data ML_LATEST_SMALL_DIR] [--features FEATURE_LOG.csv]
#
# --data goes to the intent models (MovieLens), --features to the ranking model (a feature log
# written by `./recstream evaluate ... --log-features FILE`; without it the ranking model is
# trained on a synthetic log the script generates).
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

INTENT_ARGS=()
RANKING_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --features) RANKING_ARGS+=(--features "$2"); shift 2 ;;
    --features=*) RANKING_ARGS+=("$1"); shift ;;
    *) INTENT_ARGS+=("$1"); shift ;;
  esac
done

"$PYTHON" models/build_intent_model.py "${INTENT_ARGS[@]}"
"$PYTHON" models/build_ranking_model.py "${RANKING_ARGS[@]}"
