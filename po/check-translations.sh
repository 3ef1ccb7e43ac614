#!/bin/sh
# check-translations.sh — checks the translations of Virt Storage.
#
# Copyright 2026 The Virt Storage authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-translations.sh SOURCE_ROOT [--up-to-date]
#
# Without an option it checks, using only grep, msgfmt and POSIX sh/sed/awk:
#   - every language in po/LINGUAS has a .po file that passes `msgfmt --check`
#     and has no fuzzy and no untranslated messages;
#   - po/POTFILES.in is sorted and names only files that exist;
#   - every file under src/, ui/ and data/ with translatable strings (_(), N_(),
#     C_(), NC_(), g_dngettext(), ngettext(), ... or translatable="yes"), and
#     every .desktop.in, .metainfo.xml.in and .gschema.xml file, is listed in
#     po/POTFILES.in (or in po/POTFILES.skip).
#
# With --up-to-date it extracts the messages of the files in POTFILES.in with
# xgettext (the keywords of meson's "glib" preset) into a temporary template
# and checks, with msgcmp, that every .po file translates every one of them:
# a string added to the sources but not yet to the .po files fails here.
# Exits 77 (skipped) when xgettext or msgcmp is missing.
#
# Needs no network and writes nothing into the source tree.

set -u

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 SOURCE_ROOT [--up-to-date]" >&2
  exit 2
fi

root=$1
mode=${2:-}
po_dir="$root/po"
status=0

# Messages of msgfmt and msgcmp are parsed below: keep them in English.
LC_ALL=C
export LC_ALL

fail ()
{
  printf 'FAIL: %s\n' "$*" >&2
  status=1
}

languages ()
{
  sed -e 's/#.*//' "$po_dir/LINGUAS" | tr -s ' \t' '\n\n' | grep -v '^$'
}

potfiles ()
{
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e 's/^[[:space:]]*//' "$po_dir/$1" | grep -v '^$'
}

if [ ! -f "$po_dir/LINGUAS" ] || [ ! -f "$po_dir/POTFILES.in" ]; then
  fail "$po_dir has no LINGUAS or no POTFILES.in"
  exit 1
fi

if [ "$mode" = "--up-to-date" ]; then
  for tool in xgettext msgcmp; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "SKIP: $tool is not installed"
      exit 77
    fi
  done

  tmp=$(mktemp -d) || exit 1
  trap 'rm -rf "$tmp"' EXIT INT TERM

  # The same keywords as meson's i18n.gettext (preset: 'glib').
  if ! (cd "$root" && xgettext --files-from=po/POTFILES.in --directory=. \
          --output="$tmp/current.pot" --from-code=UTF-8 --add-comments \
          --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
          --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
          --keyword=g_dpgettext2:2c,3 \
          --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
          --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format); then
    fail "xgettext could not extract the messages of the files in POTFILES.in"
    exit 1
  fi

  for lang in $(languages); do
    if ! msgcmp "$po_dir/$lang.po" "$tmp/current.pot" >"$tmp/msgcmp.log" 2>&1; then
      cat "$tmp/msgcmp.log" >&2
      fail "po/$lang.po lacks translations of strings now in the sources; update it (meson compile virt-storage-update-po) and translate them"
    else
      echo "po/$lang.po translates every message of the current sources"
    fi
  done
  exit $status
fi

# 1. The translations themselves.
for lang in $(languages); do
  file="$po_dir/$lang.po"

  if [ ! -f "$file" ]; then
    fail "LINGUAS names $lang, but po/$lang.po does not exist"
    continue
  fi

  if ! stats=$(msgfmt --check --statistics --output-file=/dev/null "$file" 2>&1); then
    printf '%s\n' "$stats" >&2
    fail "msgfmt --check rejects po/$lang.po"
    continue
  fi

  printf 'po/%s.po: %s\n' "$lang" "$stats"
  case "$stats" in
    *fuzzy*|*untranslated*)
      fail "po/$lang.po has fuzzy or untranslated messages"
      # Show which ones: the entries marked fuzzy, and those (other than the
      # header) with an msgstr that is "" and not continued on the next line.
      awk -v file="po/$lang.po" '
        function show(why) { printf "%s:%d: %s: %s\n", file, entry_line, why, msgid }
        /^#, .*fuzzy/ { fuzzy = 1 }
        /^msgid / { entry_line = NR; msgid = substr($0, 7); in_msgid = 1; next }
        /^"/ && in_msgid { msgid = msgid $0; next }
        /^msgstr/ {
          in_msgid = 0
          if (fuzzy) show("fuzzy")
          fuzzy = 0
          empty = ($0 ~ /^msgstr(\[[0-9]+\])? ""$/) && msgid != "\"\""
          next
        }
        empty && !/^"/ { show("untranslated"); empty = 0 }
        /^"/ { empty = 0 }
        END { if (empty) show("untranslated") }
      ' "$file" >&2
      ;;
  esac

  # The header msgstr is the one empty msgstr that must not count: at least
  # one message must really be translated.
  case "$stats" in
    0\ translated*)
      fail "po/$lang.po translates nothing"
      ;;
  esac
done

# 2. POTFILES.in: sorted, and every entry exists.
if ! potfiles POTFILES.in | sort -c 2>/dev/null; then
  fail "po/POTFILES.in is not sorted (LC_ALL=C sort)"
fi

for file in $(potfiles POTFILES.in); do
  if [ ! -f "$root/$file" ]; then
    fail "po/POTFILES.in lists $file, which does not exist"
  fi
done

# 3. Every file with translatable strings is in POTFILES.in.
#    A call must be followed by a string literal (or the end of the line, for a
#    string on the next one), so that a comment such as "marked with N_()" does
#    not count.
c_calls='(^|[^A-Za-z0-9_])(_|N_|C_|NC_)[[:space:]]*\([[:space:]]*("|$)'
c_functions='(^|[^A-Za-z0-9_])(g_dngettext|g_dcgettext|g_dpgettext2|ngettext|dngettext|pgettext|npgettext)[[:space:]]*\('
builder='translatable="(yes|true|1)"'

listed=$( { potfiles POTFILES.in
            if [ -f "$po_dir/POTFILES.skip" ]; then potfiles POTFILES.skip; fi; } | sort -u)

candidates=$(cd "$root" && {
               for dir in src ui data; do
                 if [ -d "$dir" ]; then
                   grep -rIlE -e "$c_calls" -e "$c_functions" -e "$builder" "$dir"
                   find "$dir" -type f \( -name '*.desktop.in' -o -name '*.desktop.in.in' \
                                          -o -name '*.metainfo.xml.in' -o -name '*.appdata.xml.in' \
                                          -o -name '*.gschema.xml' -o -name '*.gschema.xml.in' \)
                 fi
               done; } | sort -u)

for file in $candidates; do
  if ! printf '%s\n' "$listed" | grep -qxF -e "$file"; then
    fail "$file has translatable strings but is not in po/POTFILES.in"
  fi
done

if [ $status -eq 0 ]; then
  echo "po/POTFILES.in lists every file with translatable strings"
fi

exit $status
