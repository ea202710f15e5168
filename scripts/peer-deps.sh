# Sourced by the benchmarks that time SpatiaLite beside landbank (bench-query.sh, bench-match.sh): installs
# Debian's mod_spatialite and python3-pyproj when missing. The system python is used because its sqlite3 can
# load extensions (a pyenv build often cannot).
peer_deps() {
    local need=()
    [[ -e /usr/lib/x86_64-linux-gnu/mod_spatialite.so || -e /usr/lib/aarch64-linux-gnu/mod_spatialite.so ]] \
        || need+=(libsqlite3-mod-spatialite)
    /usr/bin/python3 -c 'import pyproj, sqlite3; sqlite3.connect(":memory:").enable_load_extension(True)' 2>/dev/null \
        || need+=(python3-pyproj)
    ((${#need[@]})) || return 0
    local sudo=; [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
}
