#!/usr/bin/env bash
# Installs the real Docker Compose v2 (the Go binary `docker compose` is, from Debian's unstable
# suite) as a standalone command, without touching the machine's apt configuration: apt runs
# with a private sources list and state folder. No Docker engine is needed for `config`.
#
#   scripts/docker-compose.sh [DEST]     default DEST: ~/.cache/portguard/docker-compose
#
# Prints the path of the binary. Idempotent: an existing DEST is kept. Needs root (apt) only on the
# first run. Use it as the oracle of compose behaviour:
#   "$(scripts/docker-compose.sh)" --profile '*' config --format json
set -euo pipefail
dest=${1:-$HOME/.cache/portguard/docker-compose}
if [ -x "$dest" ]; then echo "$dest"; exit 0; fi
mirror=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n 1)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if($i ~ /^[a-z]+:\/\//){print $i; exit}}' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || { echo "docker-compose.sh: no Debian mirror found in the apt sources" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/empty"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" >"$work/sources.list"
opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/empty"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::Archives=$work/archives"
  -o "Dir::Etc::Preferences=$work/empty/none" -o "Dir::Etc::PreferencesParts=$work/empty"
  -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1")
apt-get "${opts[@]}" -qq update >&2
(cd "$work" && apt-get "${opts[@]}" -qq download docker-compose >&2)
dpkg-deb -x "$work"/docker-compose_*.deb "$work/x"
mkdir -p "$(dirname "$dest")"
install -m 0755 "$work/x/usr/libexec/docker/cli-plugins/docker-compose" "$dest"
"$dest" version >&2
echo "$dest"
