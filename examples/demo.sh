#!/usr/bin/env bash
# The main job on an example, from a fresh checkout: install, build, prepare the host, start the
# engine with an embedded store, apply the nginx example and show what the engine holds.
# The engine keeps running in the foreground afterwards; Ctrl-C stops it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
example=${1:-examples/nginx}
state=${SLIPWAY_STATE:-$root/.slipway/demo}

[ -d node_modules ] || npm ci
npm run --silent build
bash examples/setup.sh

slipway() { node "$root/dist/cli/main.js" --state "$state" "$@"; }
log="$state.log"
mkdir -p "$(dirname "$state")"
node dist/cli/main.js up --state "$state" 2> >(tee "$log" >&2) &
up=$!
trap 'kill $up 2>/dev/null; wait $up 2>/dev/null' EXIT
for _ in $(seq 1 100); do grep -q "slipway is up" "$log" 2>/dev/null && break; sleep 0.1; done

echo "+ slipway apply -f $example" >&2
slipway apply -f "$example"
if [ "$example" = examples/nginx ]; then
  echo "+ slipway rollout status deployment/nginx-deployment" >&2
  slipway rollout status deployment/nginx-deployment --timeout 120s
fi
for kind in deployments replicationcontrollers services pods; do
  echo "+ slipway get $kind" >&2
  slipway get "$kind"
done
echo "The engine keeps running (state: $state). In another terminal: SLIPWAY_STATE=$state node dist/cli/main.js get pods. Ctrl-C stops it." >&2
wait $up
