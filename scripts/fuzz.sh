#!/usr/bin/env bash
# Runs one fuzz target for a given time, single process.
#
#   scripts/fuzz.sh [TARGET] [SECONDS] [LIBFUZZER FLAGS...]   (defaults: validate_json, 300)
#
# Targets (fuzz/fuzz_targets/):
#   validate_json    — `validate_json` on arbitrary bytes, seeded with testdata/*.json and
#                      fuzz/seeds/validate_json/*.json;
#   mutate_timeline  — builds a valid timeline by walking the transition table, mutates it
#                      once, and checks the mutation property and the JSON round trips.
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The working corpus
# (fuzz/corpus/TARGET) and any crash (fuzz/artifacts/TARGET) stay out of git. Not part of CI.
# Replay a crash with: cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-validate_json}"
seconds="${2:-300}"
shift $(( $# < 2 ? $# : 2 ))
corpus="fuzz/corpus/$target"
mkdir -p "$corpus"

seeds=()
if [[ "$target" == "validate_json" ]]; then
  # Seed the corpus with every timeline we have; libFuzzer keeps only what adds coverage.
  shopt -s nullglob
  for f in testdata/*.json testdata/codes/*.json fuzz/seeds/validate_json/*.json; do
    # testdata/*.expected.json are reports, not timelines.
    [[ "$f" == *.expected.json ]] && continue
    cp -n "$f" "$corpus/" 2>/dev/null || true
  done
  shopt -u nullglob
  [[ -d fuzz/seeds/validate_json ]] && seeds+=(fuzz/seeds/validate_json)
fi
flags=()
if [[ "$target" == "mutate_timeline" ]]; then
  # The input is a stream of choices: long streams from the start make long timelines.
  flags+=(-len_control=0 -max_len=2048)
fi

echo "fuzzing $target for ${seconds}s (corpus: $corpus)"
exec cargo +nightly fuzz run "$target" "$corpus" "${seeds[@]}" -- \
  -max_total_time="$seconds" -print_final_stats=1 "${flags[@]}" "$@"
