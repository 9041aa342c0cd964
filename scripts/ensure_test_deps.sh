#!/usr/bin/env bash
# What the browser tests need besides Python packages: a Chromium (Debian's package where
# apt-get can install it, otherwise Playwright's own download), Debian's nginx for the classroom
# test (several replicas behind a proxy), axe-core (npm, pinned) for the accessibility checks,
# and CJK/emoji fonts so screenshots show 中文.
set -euo pipefail
python_bin="${1:-.venv/bin/python}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

have_cjk_font() { command -v fc-list >/dev/null && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; }

apt_install() {
  command -v apt-get >/dev/null || return 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 && return 0
  as_root apt-get update -qq >/dev/null 2>&1 || return 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ -x /usr/bin/chromium ]; then
  echo "chromium: /usr/bin/chromium"
elif apt_install chromium; then
  echo "chromium: installed Debian's package"
else
  echo "chromium: apt-get unavailable; using Playwright's own Chromium download"
  "$python_bin" -m playwright install chromium
fi

if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  echo "nginx: present"
elif apt_install nginx; then
  echo "nginx: installed Debian's package"
else
  echo "nginx: could not be installed (the classroom test needs it)" >&2
  exit 1
fi

# axe-core (pinned in tests/browser/package-lock.json) for the accessibility checks.
if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
  command -v npm >/dev/null || apt_install npm || { echo "npm: could not be installed" >&2; exit 1; }
  npm ci --prefix tests/browser --no-audit --no-fund >/dev/null
  echo "axe-core: installed from tests/browser/package-lock.json"
fi

if ! have_cjk_font; then
  apt_install fonts-noto-cjk fonts-noto-color-emoji || echo "fonts: could not install the CJK/emoji fonts (screenshots may show boxes)"
fi
