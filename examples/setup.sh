#!/usr/bin/env bash
# Prepares this machine for Slipway's examples and tests, doing only what is missing:
# Debian's docker.io and busybox-static, a running Docker engine (dockerd started in the
# background when nothing answers: there is no systemd here), and the local example images.
# Safe to run again: each step checks first.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

say() { printf '\033[36m[setup]\033[0m %s\n' "$*" >&2; }

need_pkgs=()
command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io)
[ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || need_pkgs+=(busybox-static)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then say "missing ${need_pkgs[*]}; run as root or install them"; exit 1; fi
  say "installing ${need_pkgs[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  say "starting dockerd (log: /var/log/slipway-dockerd.log)"
  nohup dockerd >/var/log/slipway-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { say "dockerd did not start; see /var/log/slipway-dockerd.log"; exit 1; }
fi
say "docker $(docker version --format '{{.Server.Version}}') is running"

if [ -x "$here/images/build.sh" ]; then "$here/images/build.sh"; fi
