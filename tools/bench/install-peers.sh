#!/usr/bin/env bash
# Installs the peer systems that tools/bench/compare.sh measures NetGen against (docs/architecture.md, "Performance protocol"):
# NumPy on OpenBLAS, PyTorch and threadpoolctl for /usr/bin/python3, plus gcc for fma_peak.c.
# Idempotent: does nothing when everything is already there.
set -euo pipefail

packages=(python3-numpy python3-torch python3-threadpoolctl libopenblas0-pthread gcc)

if /usr/bin/python3 -c 'import numpy, torch, threadpoolctl' 2>/dev/null && command -v gcc >/dev/null; then
    echo "install-peers: numpy, torch, threadpoolctl and gcc already present"
    exit 0
fi

# Root in containers and CI images; sudo elsewhere.
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}"

/usr/bin/python3 -c 'import numpy, torch, threadpoolctl; print("install-peers: numpy", numpy.__version__, "torch", torch.__version__)'
