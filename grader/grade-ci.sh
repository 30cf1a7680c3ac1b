#!/usr/bin/env bash
# Grades a class repository's submissions from a CI job.
#   grader/grade-ci.sh EXERCISE SUBMISSIONS_DIR [OUT_DIR]
# SUBMISSIONS_DIR holds one folder per learner (or is itself one solution when it holds .java
# files). Results land in OUT_DIR (default: grading-results). Exit codes are those of
# ./otplab grade: 0 all pass, 1 some tests fail, 2 something could not be graded, 3 bad usage.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: grader/grade-ci.sh EXERCISE SUBMISSIONS_DIR [OUT_DIR]" >&2
  exit 3
fi
EXERCISE="$1"
SUBMISSIONS="$2"
OUT="${3:-grading-results}"
OTPLAB="${OTPLAB:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/otplab}"

if compgen -G "$SUBMISSIONS/*.java" >/dev/null || [ -d "$SUBMISSIONS/src" ]; then
  exec "$OTPLAB" grade "$EXERCISE" "$SUBMISSIONS" --out "$OUT" --format text
fi
exec "$OTPLAB" grade --batch "$EXERCISE" "$SUBMISSIONS" --out "$OUT"
