#!/usr/bin/env bash
# Installs security-cam on a Raspberry Pi: Java, a service user in the gpio and video groups, the jar and the unit.
# Run as root from a checkout after `mvn -B install -DskipTests` (or with the jar's path as the first argument).
set -euo pipefail
jar=${1:-$(dirname "$0")/../target/security-cam.jar}
[ -f "$jar" ] || { echo "No jar at $jar: build it first" >&2; exit 1; }
apt-get update
apt-get install -y openjdk-17-jre-headless ffmpeg bluez
id securitycam >/dev/null 2>&1 || useradd --system --home /var/lib/security-cam --create-home securitycam
usermod -aG gpio,video securitycam 2>/dev/null || true
install -d -o root -g root /opt/security-cam
install -m 0644 "$jar" /opt/security-cam/security-cam.jar
install -m 0644 "$(dirname "$0")/security-cam.service" /etc/systemd/system/security-cam.service
systemctl daemon-reload
systemctl enable --now security-cam
echo "security-cam is running on port 5005; logs: /var/lib/security-cam/logs/api/security-cam.log"
