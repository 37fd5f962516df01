#!/bin/sh
# Installs the system libraries the demo and the tests need, when missing.
#   sh scripts/sysdeps.sh audio     PortAudio (sounddevice)
#   sh scripts/sysdeps.sh test      PortAudio and Chromium (the HTML report tests)
# apt-get is used only when running as root; otherwise this says what is missing.
set -e
want="${1:-test}"
missing=""
ldconfig -p 2>/dev/null | grep -q libportaudio.so.2 || missing="$missing libportaudio2"
if [ "$want" = "test" ]; then
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "Missing system packages:$missing (install them with your package manager)" >&2
fi
