# The files `cmake --install` puts under the prefix, relative to it (issue 15's fixed names). Sourced.
# bm_expected_files SOURCE_DIR: one a line, sorted. The desktop files count once assets/CMakeLists.txt (which
# installs them) is in the source tree.
bm_expected_files() {
    local source_dir=$1
    {
        printf '%s\n' bin/bordermap \
            share/man/man1/bordermap.1.gz \
            share/bash-completion/completions/bordermap \
            share/doc/bordermap/README.md share/doc/bordermap/copyright share/doc/bordermap/changelog.gz
        if [[ -f $source_dir/assets/CMakeLists.txt ]]; then
            local id=org.bordermap.Bordermap size
            printf '%s\n' share/applications/$id.desktop share/metainfo/$id.metainfo.xml \
                share/icons/hicolor/scalable/apps/$id.svg share/mime/packages/$id.xml
            for size in 16 24 32 48 64 128 256 512; do
                echo "share/icons/hicolor/${size}x${size}/apps/$id.png"
            done
        fi
    } | LC_ALL=C sort
}
