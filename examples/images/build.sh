#!/usr/bin/env bash
# Builds Slipway's local example and test images (no registry is needed or used), each FROM scratch
# with Debian's static busybox. Idempotent and fast: an image is rebuilt only when the hash of its
# build context (Dockerfile, files, busybox, build args) differs from the label on the existing image.
#   examples/images/build.sh            build what is missing or stale
#   examples/images/build.sh --force    rebuild everything
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
force=false
[ "${1:-}" = "--force" ] && force=true

say() { printf '\033[36m[images]\033[0m %s\n' "$*" >&2; }

busybox=/bin/busybox
[ -x "$busybox" ] || busybox=/usr/bin/busybox
[ -x "$busybox" ] || { say "no static busybox: apt-get install -y busybox-static"; exit 1; }
docker info >/dev/null 2>&1 || { say "Docker does not answer: run examples/setup.sh"; exit 1; }

# The classic builder: buildx is not installed here, and these contexts need nothing newer.
export DOCKER_BUILDKIT=0

# Build contexts live in temp folders, removed however the script ends.
contexts=()
cleanup() { if [ ${#contexts[@]} -gt 0 ]; then rm -rf "${contexts[@]}"; fi; }
trap cleanup EXIT

# build TAG FOLDER [BUILD_ARG...]
build() {
  local tag=$1 folder=$here/$2
  shift 2
  local hash
  hash=$( { (cd "$folder" && find . -type f ! -name busybox | LC_ALL=C sort | xargs sha256sum); \
    sha256sum <"$busybox"; printf '%s\n' "$@"; } | sha256sum | cut -c1-16)
  local current
  current=$(docker image inspect -f '{{index .Config.Labels "io.slipway.context-hash"}}' "$tag" 2>/dev/null || true)
  if [ "$force" = false ] && [ "$current" = "$hash" ]; then
    say "$tag is up to date"
    return
  fi
  say "building $tag"
  local ctx
  ctx=$(mktemp -d)
  contexts+=("$ctx")
  cp -R "$folder/." "$ctx/"
  cp "$busybox" "$ctx/busybox"
  local args=()
  for a in "$@"; do args+=(--build-arg "$a"); done
  local out
  # Quiet on success (the legacy builder prints a deprecation notice); everything on failure.
  out=$(docker build -q --label io.slipway.image=true --label "io.slipway.context-hash=$hash" \
    ${args[@]+"${args[@]}"} -t "$tag" "$ctx" 2>&1) || { printf '%s\n' "$out" >&2; say "building $tag failed"; exit 1; }
}

build slipway.local/busybox:1 busybox
build slipway.local/pause:1 pause
build slipway.local/nginx:1.7.9 nginx VERSION=1.7.9
build slipway.local/nginx:1.9.1 nginx VERSION=1.9.1

# Guestbook images (a later issue) go here, one folder each, e.g.:
#   build slipway.local/redis:1 redis
#   build slipway.local/guestbook-frontend:1 guestbook-frontend
