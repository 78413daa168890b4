# Shared by scripts/run, scripts/test and scripts/bench: install what is missing, configure, build.
# Sourced, not run. Debian 12; every dependency is a Debian package.

bm_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bm_build_dir=${BORDERMAP_BUILD_DIR:-$bm_root/build}

# What building and testing bordermap needs: the toolchain, GDAL and PROJ, doctest; Pango for all text (with Noto
# Sans for the map and Noto's Arabic-script fonts for Pashto, Dari and Urdu names; DejaVu Sans for the viewer's
# panels); for the viewer SFML, Dear ImGui and OpenGL;
# for its tests a virtual X server (Xvfb with xauth) and Mesa's software OpenGL; for videos FFmpeg's libraries
# (libavfilter for a GIF's palette), and the ffmpeg package's ffprobe and ffmpeg for the video tests and bench-video;
# tesseract, for the GUI test that reads the presenter's console back off the screen; for installing and packaging,
# help2man (the man page, made from --help), bash-completion, desktop-file-utils and appstream (their validators),
# dpkg-dev (dpkg-shlibdeps, for the package's dependencies) and lintian.
bm_packages=(cmake g++ make pkg-config libgdal-dev libproj-dev doctest-dev
             libsfml-dev libimgui-dev libgl-dev fonts-dejavu-core
             libx11-dev xvfb xauth libgl1-mesa-dri
             libcairo2-dev libqpdf-dev libpango1.0-dev fonts-noto-core libpng-dev poppler-utils librsvg2-bin libxml2-utils libhowardhinnant-date-dev libcsv-dev liblz4-dev rapidjson-dev libboost-dev
             libavcodec-dev libavformat-dev libavfilter-dev libswscale-dev libavutil-dev ffmpeg
             tesseract-ocr tesseract-ocr-eng
             postgresql-15 postgresql-15-postgis-3 python3-qgis
             help2man bash-completion desktop-file-utils appstream dpkg-dev lintian)

bm_say() { printf '%s\n' "$*" >&2; }

# Runs a command as root: directly when we are root, else through sudo.
bm_as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        bm_say "bordermap: need root to install packages and sudo is not available; install them by hand: $*"
        return 1
    fi
}

# Installs the named Debian packages that are not installed yet. Waits for another apt or dpkg to finish
# instead of failing on its lock.
bm_install() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    bm_say "bordermap: installing ${missing[*]}"
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600)
    local try
    for try in $(seq 1 60); do
        bm_as_root "${apt[@]}" update >/dev/null && break
        bm_say "bordermap: apt-get update failed (another apt may hold its lock); retrying in 10 s ($try/60)"
        sleep 10
    done
    bm_as_root "${apt[@]}" install --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds incrementally. Extra arguments go to CMake's configure step.
bm_build() {
    local werror=OFF
    [[ ${CI:-} == true ]] && werror=ON
    if [[ ! -f $bm_build_dir/CMakeCache.txt ]] || [[ $# -gt 0 ]] || [[ $werror == ON ]]; then
        cmake -S "$bm_root" -B "$bm_build_dir" -DBORDERMAP_WERROR=$werror "$@" >/dev/null
    fi
    cmake --build "$bm_build_dir" -j "$(nproc)"
}
