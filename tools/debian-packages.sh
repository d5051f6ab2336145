#!/usr/bin/env bash
# Install the Debian packages named on the command line, at the versions pinned in debian-packages.txt,
# when their command is missing. Needs root and apt-get; otherwise prints the command to run and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
updated=no
for wanted in "$@"; do
  line=$(awk -v p="$wanted" '$1 == p { print $1, $2, $3 }' debian-packages.txt)
  [ -n "$line" ] || { echo "debian-packages.txt does not list '$wanted'" >&2; exit 2; }
  read -r package version command <<<"$line"
  command -v "$command" >/dev/null 2>&1 && continue
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "'$command' is missing: run 'sudo apt-get install $package=$version' (or the version Debian serves now)." >&2
    exit 1
  fi
  if [ "$updated" = no ]; then apt-get update -qq; updated=yes; fi
  if apt-cache madison "$package" | awk -v v="$version" '$3 == v { found = 1 } END { exit !found }'; then
    echo "Installing Debian's $package $version..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package=$version" >/dev/null
  else
    echo "Debian no longer serves $package $version (pinned in debian-packages.txt); installing its current version." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  fi
  echo "Installed $(dpkg-query -W -f='${Package} ${Version}' "$package")."
done
