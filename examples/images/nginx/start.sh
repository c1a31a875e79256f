# httpd in the foreground under a shell that exits 0 on SIGTERM/SIGINT (PID 1 has no default handlers).
trap 'exit 0' TERM INT
httpd -f -p 80 -h /usr/share/nginx/html &
wait
