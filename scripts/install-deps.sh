#!/usr/bin/env bash
# Installs every build, test and example dependency of Borehole from Debian 12 packages.
# Idempotent: packages already present are skipped by apt. Nothing is downloaded from elsewhere.
set -euo pipefail

# Real package names only: a virtual name (libqt6svg6-dev) is never "installed" for dpkg-query,
# which made every run call apt-get update.
packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-qpa-plugins libqt6svg6
  libqcustomplot-dev libqcustomplot2.1-qt6
  libvtk9-dev
  libtorch-dev libopenblas0-pthread
  nlohmann-json3-dev libsqlite3-dev
  python3 python3-torch python3-numpy
  xvfb xauth mesa-utils libgl1-mesa-dri fonts-dejavu-core
  # Scale-out (docs/scale-out.md): MPI surfaces, PostgreSQL studies; the tests start their own
  # mpirun and a throw-away PostgreSQL server (initdb in a temporary folder).
  libopenmpi-dev openmpi-bin libpq-dev postgresql
  # tests/cli/slurm_scripts.sh runs packaging/slurm/ on a one-node Slurm it starts itself.
  slurm-wlm munge
  # Packaging test (CPack DEB with shlibdeps needs file and dpkg-shlibdeps).
  file dpkg-dev
  # Sanitizer and fuzzing CI (scripts/sanitize.sh asan: clang with libFuzzer). `clang` gives
  # the unversioned clang/clang++ the asan preset names; the ASan, UBSan and libFuzzer runtimes
  # are in libclang-rt-14-dev, only a Recommends of clang-14 (skipped by --no-install-recommends).
  clang clang-14 libclang-rt-14-dev libfuzzer-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all Debian packages present" >&2
fi

# Debian's libtorch must use OpenBLAS, not reference BLAS (measured: 2.6 s vs 0.1 s per gradient
# of a 300k-parameter MLP). libopenblas0-pthread registers itself through update-alternatives;
# make sure it is the selected libblas.so.3 provider.
arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
alt="libblas.so.3-${arch}"
target="/usr/lib/${arch}/openblas-pthread/libblas.so.3"
if [ -e "$target" ] && update-alternatives --query "$alt" >/dev/null 2>&1; then
  current=$(update-alternatives --query "$alt" | awk '/^Value:/{print $2}')
  if [ "$current" != "$target" ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO update-alternatives --set "$alt" "$target" >/dev/null
  fi
fi
