# PID 1 ignores signals it has no handler for, so trap them; `sleep & wait` lets the trap run at once.
trap 'exit 0' TERM INT
while :; do
  sleep 3600 &
  wait
done
