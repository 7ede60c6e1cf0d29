# Shared by the benchmarks that run the device: sourced, not run. Starts it the way a Pi does, through the start
# script next to the jar (recommended JVM options, class-data archive), on a fresh data home.
DEVICE_START=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/runtime/target/security-cam
[ -x "$DEVICE_START" ] || { echo "no $DEVICE_START: run mvn -B package -DskipTests first" >&2; exit 1; }

# start_device HOME PORT: starts it in the background with the password bench-password; sets $pid.
start_device() {
    SECURITY_CAM_HOME=$1 SECURITY_CAM_PORT=$2 SECURITY_CAM_PASSWORD=bench-password \
        "$DEVICE_START" >"$1.console" 2>&1 &
    pid=$!
}

# device_token PORT: logs in once the device answers (up to 30 s) and prints the API token.
device_token() {
    local token=""
    for _ in $(seq 1 300); do
        token=$(curl -s -H 'Content-Type: application/json' -d '{"password":"bench-password"}' \
            "http://127.0.0.1:$1/auth/validate" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p' || true)
        [ -n "$token" ] && break
        sleep 0.1
    done
    echo "$token"
}
