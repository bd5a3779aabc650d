#!/usr/bin/env bash
# Install the Debian packages yusuan needs (CJK fonts, HarfBuzz subsetting for fast PDFs,
# poppler for PDF rendering in tests, Chromium for browser tests, PostgreSQL for the platform).
# As root: installs what is missing. Otherwise: prints the exact apt-get line and fails.
set -euo pipefail
packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils)
if [[ "${1:-}" == "--all" ]]; then
  packages+=(chromium postgresql)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "yusuan 需要以下系统软件包，请以 root 运行：" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "安装系统软件包：${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
