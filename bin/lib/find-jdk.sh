# shellcheck shell=bash
#
# find-jdk.sh: find a `java` of a given major version or newer (default 21). Sourced by bin/mentorium-* and .ci/run.
# Written for bash 3.2+ (macOS /bin/bash included); no arrays, works under `set -euo pipefail`.
#
#   . bin/lib/find-jdk.sh
#   find_jdk [MIN]      sets JAVA (path of the java to use), JAVA_MAJOR and JAVA_JDK_HOME (the JDK home when that java
#                       belongs to a full JDK with javac, else empty) and returns 0; or prints an error listing every java
#                       it found to stderr and returns 2.
#   require_jdk [MIN]   find_jdk, or exit 2.
#   java_major JAVA     prints the major version of that java (8, 17, 21, 25...), returns 1 if it cannot tell.
#   parse_java_major V  "1.8.0_392" -> 8, "17.0.15" -> 17, "21" -> 21, "25.0.1" -> 25, "26-ea" -> 26.
#
# Looked at, in this order: $MENTORIUM_JAVA (an explicit java binary: used if new enough, nothing else is tried),
# $JAVA_HOME/bin/java, java on PATH, /usr/lib/jvm/*, /usr/local/lib/jvm/*, ~/.sdkman/candidates/java/*, ~/.jdks/*,
# /opt/java/*, /Library/Java/JavaVirtualMachines/*/Contents/Home and ~/Library/Java/JavaVirtualMachines/*/Contents/Home.
# The highest major version >= MIN wins; between equal majors the first one in that order (so JAVA_HOME, then PATH).
#
# Run directly (bash bin/lib/find-jdk.sh [MIN]) it prints the chosen java, or the error and exit status 2.

# JAVA, JAVA_MAJOR and JAVA_JDK_HOME are set for the caller.
# shellcheck disable=SC2034
FIND_JDK_DEFAULT_MIN=21

parse_java_major() {
  local v=${1:-}
  case $v in
    1.*) v=${v#1.} ;;
  esac
  v=${v%%[!0-9]*}
  [ -n "$v" ] || return 1
  printf '%s\n' "$v"
}

java_major() {
  local out ver
  # `java -version` writes to stderr; JAVA_TOOL_OPTIONS & co. may add "Picked up ..." lines, hence the sed.
  out=$("$1" -version 2>&1 </dev/null) || return 1
  ver=$(printf '%s\n' "$out" | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | head -n 1)
  parse_java_major "$ver"
}

# Canonical path of a file (to list each installation once even when reached through symlinks).
_find_jdk_realpath() {
  local p=$1 link n=0
  if command -v realpath >/dev/null 2>&1; then
    realpath "$p" 2>/dev/null && return 0
  fi
  if readlink -f / >/dev/null 2>&1; then
    readlink -f "$p" 2>/dev/null && return 0
  fi
  # Portable fallback (old macOS): follow the chain of links by hand.
  while [ -L "$p" ] && [ "$n" -lt 40 ]; do
    link=$(readlink "$p") || break
    case $link in
      /*) p=$link ;;
      *) p=$(dirname "$p")/$link ;;
    esac
    n=$((n + 1))
  done
  printf '%s/%s\n' "$(cd -P "$(dirname "$p")" 2>/dev/null && pwd -P)" "$(basename "$p")"
}

# One candidate java per line, in order of preference.
_find_jdk_candidates() {
  local home=${HOME:-/nonexistent} f p
  p=$(command -v java 2>/dev/null || true)
  case $p in
    /*) ;;
    *) p='' ;;
  esac
  for f in "${JAVA_HOME:-/nonexistent}/bin/java" \
           "${p:-/nonexistent}" \
           /usr/lib/jvm/*/bin/java \
           /usr/local/lib/jvm/*/bin/java \
           "$home"/.sdkman/candidates/java/*/bin/java \
           "$home"/.jdks/*/bin/java \
           /opt/java/*/bin/java \
           /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java \
           "$home"/Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    if [ -f "$f" ] && [ -x "$f" ]; then printf '%s\n' "$f"; fi
  done
}

_find_jdk_home_of() {
  # $1: a java binary. Prints its JDK home if that home also has javac (a full JDK, usable as JAVA_HOME for mvnw).
  local real home
  real=$(_find_jdk_realpath "$1")
  home=$(dirname "$(dirname "$real")")
  if [ -x "$home/bin/javac" ]; then printf '%s\n' "$home"; fi
}

find_jdk() {
  local min=${1:-$FIND_JDK_DEFAULT_MIN} cand real shown major seen='|' found='' best='' best_major=0 nl='
'
  JAVA='' JAVA_MAJOR='' JAVA_JDK_HOME=''

  if [ -n "${MENTORIUM_JAVA:-}" ]; then
    major=$(java_major "$MENTORIUM_JAVA" 2>/dev/null) || major=''
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      JAVA=$MENTORIUM_JAVA JAVA_MAJOR=$major
      JAVA_JDK_HOME=$(_find_jdk_home_of "$JAVA")
      return 0
    fi
    {
      if [ -n "$major" ]; then
        echo "error: Java $min or newer is required, but MENTORIUM_JAVA=$MENTORIUM_JAVA is Java $major."
      else
        echo "error: Java $min or newer is required, but MENTORIUM_JAVA=$MENTORIUM_JAVA is not a working java."
      fi
      echo "Point MENTORIUM_JAVA at the bin/java of a JDK/JRE $min+, or unset it to search the usual places."
    } >&2
    return 2
  fi

  while IFS= read -r cand; do
    [ -n "$cand" ] || continue
    real=$(_find_jdk_realpath "$cand")
    case $seen in
      *"|$real|"*) continue ;;
    esac
    seen="$seen$real|"
    major=$(java_major "$cand" 2>/dev/null) || major=''
    shown=$cand
    if [ "$real" != "$cand" ]; then shown="$cand -> $real"; fi
    if [ -z "$major" ]; then
      found="$found  $shown  (not a working java, or version unknown)$nl"
      continue
    fi
    found="$found  $shown  (Java $major)$nl"
    if [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
      best=$cand best_major=$major
    fi
  done <<EOF
$(_find_jdk_candidates)
EOF

  if [ -n "$best" ]; then
    JAVA=$best JAVA_MAJOR=$best_major
    JAVA_JDK_HOME=$(_find_jdk_home_of "$JAVA")
    return 0
  fi

  {
    echo "error: Java $min or newer is required, but none was found."
    if [ -n "$found" ]; then
      echo "Java installations found (all too old or not working):"
      printf '%s' "$found"
    else
      echo "No Java installation was found at all."
    fi
    if [ -n "${JAVA_HOME:-}" ] && [ ! -x "$JAVA_HOME/bin/java" ]; then
      echo "Note: JAVA_HOME=$JAVA_HOME has no bin/java."
    fi
    if [ -n "${JAVA_HOME:-}" ]; then
      echo "Looked at: \$JAVA_HOME/bin/java (JAVA_HOME=$JAVA_HOME), java on PATH,"
    else
      echo "Looked at: \$JAVA_HOME/bin/java (JAVA_HOME is not set), java on PATH,"
    fi
    echo "  /usr/lib/jvm/*, /usr/local/lib/jvm/*, ~/.sdkman/candidates/java/*, ~/.jdks/*, /opt/java/*,"
    echo "  /Library/Java/JavaVirtualMachines/*/Contents/Home, ~/Library/Java/JavaVirtualMachines/*/Contents/Home."
    echo "Fix: install a JDK $min+ (e.g. Temurin from https://adoptium.net, or: sdk install java $min-tem),"
    echo "  or point at one: JAVA_HOME=/path/to/jdk-$min $(basename "${0:-command}") ...  (or MENTORIUM_JAVA=/path/to/bin/java)."
  } >&2
  return 2
}

require_jdk() {
  find_jdk "$@" || exit 2
}

# Executed rather than sourced: print the java that would be used.
if [ "${BASH_SOURCE[0]:-}" = "${0:-}" ]; then
  set -eu
  find_jdk "${1:-$FIND_JDK_DEFAULT_MIN}" || exit 2
  printf '%s\n' "$JAVA"
fi
