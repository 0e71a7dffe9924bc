# Sourced by the CLI test scripts: a scratch folder removed on exit, and check NAME CMD... that
# counts and prints PASS/FAIL lines in Qt Test's format; finish prints the totals and sets the
# exit status.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() { # name, condition command...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "PASS   : $name"
  else failed=$((failed + 1)); echo "FAIL!  : $name"; fi
}
finish() {
  echo "Totals: $passed passed, $failed failed"
  test "$failed" -eq 0
}
