#!/usr/bin/env bash
# Native AOT links with clang and zlib. A fresh machine has neither: install Debian's packages when they are missing.
set -euo pipefail
missing=()
command -v clang >/dev/null || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} for Native AOT"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
