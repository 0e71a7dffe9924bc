#!/usr/bin/env bash
# Every tr() string in the GUI sources has a finished entry in the committed .ts files.
# Runs lupdate (the options of translations/CMakeLists.txt's borehole_lupdate) on the sources as
# they are now, into temporary copies of translations/borehole_*.ts, and fails, naming the
# strings, if that leaves any entry unfinished: a string added or changed without a translation.
# The committed files are not touched. Entries whose strings left the sources are only reported.
# Usage: check_translations.sh <lupdate> <source-dir> <work-dir>
set -euo pipefail
lupdate=$1
src=$2
work=$3

rm -rf "$work"
mkdir -p "$work"
cd "$src"
shopt -s nullglob
# The same files as BOREHOLE_TR_SOURCES in translations/CMakeLists.txt, globbed now so that a
# source file added since the last configure is checked too.
sources=(widgets/*.cpp widgets/*.h app/gui/*.cpp app/gui/*.h core/src/*_report.cpp)
committed=(translations/borehole_*.ts)
if ((${#sources[@]} == 0 || ${#committed[@]} == 0)); then
  echo "check_translations: no sources or no .ts files under $src" >&2
  exit 1
fi
copies=()
for ts in "${committed[@]}"; do
  cp "$ts" "$work/"
  copies+=("$work/$(basename "$ts")")
done

if ! "$lupdate" -no-obsolete -locations none "${sources[@]}" -ts "${copies[@]}" \
    >"$work/lupdate.log" 2>&1; then
  cat "$work/lupdate.log"
  echo "check_translations: lupdate failed" >&2
  exit 1
fi
# lupdate's own diagnostics ("file:line: ...", e.g. a tr() call whose class it cannot tell) are
# worth seeing either way.
grep -E '^[^ ].*:[0-9]+: |warning|error' "$work/lupdate.log" || true

# Prints "context: source" for each unfinished entry of a .ts file (sources may span lines), and
# for each entry lupdate put in an empty context: it could not tell the class of that tr() (an
# alias such as `using T = ReportText; T::tr(...)`), and a translation there never loads.
unfinished() {
  awk '
    function unescape(s) {
      gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
      gsub(/&apos;/, "\047", s); gsub(/&amp;/, "\\&", s)
      return s
    }
    /<name>/ { ctx = $0; sub(/.*<name>/, "", ctx); sub(/<\/name>.*/, "", ctx) }
    /<source>/ { insrc = 1; srctext = "" }
    insrc {
      line = $0
      sub(/.*<source>/, "", line)
      if (line ~ /<\/source>/) { sub(/<\/source>.*/, "", line); insrc = 0 }
      srctext = (srctext == "" ? line : srctext "\\n" line)
    }
    /<translation/ && (ctx == "" || /type="unfinished"/) {
      print "  " (ctx == "" ? "(no context)" : unescape(ctx)) ": \"" unescape(srctext) "\""
    }
  ' "$1"
}

status=0
for i in "${!committed[@]}"; do
  ts=${committed[$i]}
  copy=${copies[$i]}
  missing=$(unfinished "$copy")
  if [[ -n $missing ]]; then
    count=$(printf '%s\n' "$missing" | wc -l)
    echo "FAIL: $ts has no usable translation for $count string(s) of the sources:"
    printf '%s\n' "$missing"
    status=1
  else
    echo "ok: $ts translates every tr() string of the sources"
  fi
  before=$(grep -c '<message' "$ts" || true)
  after=$(grep -c '<message' "$copy" || true)
  new=$(grep -c 'type="unfinished"' "$copy" || true)
  vanished=$((before + new - after))
  if ((vanished > 0)); then
    echo "note: $vanished entr(y/ies) of $ts no longer appear in the sources (lupdate drops them)"
  fi
done
if ((status != 0)); then
  cat <<EOF
Update the .ts files with  cmake --build <build> --target borehole_lupdate
(or: lupdate -no-obsolete -locations none widgets/*.cpp widgets/*.h app/gui/*.cpp app/gui/*.h
 core/src/*_report.cpp -ts translations/borehole_en.ts translations/borehole_de.ts), then translate the new entries
(German in borehole_de.ts; the English file repeats the source text) and remove type="unfinished".
Strings under "(no context)" are tr() calls whose class lupdate cannot tell (an alias such as
"using T = Text; T::tr(...)"): their translations never load; call Text::tr(...) by its own name.
EOF
fi
exit $status
