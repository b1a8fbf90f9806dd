#!/bin/sh
# Run one tradeloop job for cron: JSON summary appended to a log, a non-zero exit mailed by cron.
# Usage: tradeloop-job.sh JOB [more tradeloop flags]
# Exit codes: 0 ok, 1 failure, 2 usage, 3 input rejected, 4 book busy (try again later).
set -eu
: "${TRADELOOP_DB:?set TRADELOOP_DB to the company book}"
: "${TRADELOOP_LOG_DIR:=/var/log/tradeloop}"
job="$1"
shift
mkdir -p "$TRADELOOP_LOG_DIR"
tradeloop run "$job" --format json "$@" >> "$TRADELOOP_LOG_DIR/$job.jsonl" 2>> "$TRADELOOP_LOG_DIR/$job.log"
