#!/usr/bin/env bash
# Walks the bad-input corpus tests/data/bad/cases.txt: every case runs borehole-cli and must exit
# with the expected code and print the expected message on stderr (a fixed string, with the
# placeholders expanded), and never a crash, an uncaught exception or a libtorch stack trace.
# Usage: bad_inputs.sh <borehole-cli> <source-dir>
set -uo pipefail
cli=$1
src=$2
. "$src/tests/cli/check.sh"
bad="$src/tests/data/bad"
data="$src/tests/data"
lin="--model $data/linear.pt --data $data/four_features.csv"
quick="--no-power --no-lanczos --no-trace --no-sharpness --directions random --k 2 --quiet"
mkdir -p "$work/out"

expand() {
  local s=$1
  s=${s//@lin@/$lin}
  s=${s//@quick@/$quick}
  s=${s//@bad@/$bad}
  s=${s//@data@/$data}
  s=${s//@ex@/$src/examples}
  s=${s//@work@/$work/out}
  printf '%s' "$s"
}

cases=0
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  IFS='|' read -r name code message args <<<"$line"
  name=$(echo $name); code=$(echo $code)
  message=${message# }; message=${message% }
  args=${args# }
  message=$(expand "$message")
  args=$(expand "$args")
  cases=$((cases + 1))
  eval "set -- $args"
  "$cli" "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
  got=$?
  ok=1
  if [ "$got" != "$code" ]; then ok=0; echo "  $name: exit $got, expected $code"; fi
  if [ -n "$message" ] && ! grep -qF -- "$message" "$work/stderr" "$work/stdout"; then
    ok=0; echo "  $name: expected message not found: $message"
  fi
  if grep -qE 'terminate called|Segmentation|Aborted|frame #[0-9]|Exception raised from|what\(\):' \
       "$work/stderr"; then
    ok=0; echo "  $name: crash or stack trace on stderr"
  fi
  if [ "$ok" = 0 ]; then sed 's/^/    stderr: /' "$work/stderr" | head -5; fi
  check "$name" test "$ok" = 1
done <"$bad/cases.txt"
echo "bad_inputs: $cases cases"
check "corpus has at least 60 cases" test "$cases" -ge 60
finish
