# What `cmake --install` puts where (GNUInstallDirs under CMAKE_INSTALL_PREFIX), and the Debian package CPack makes
# of the same. The desktop files (icons, .desktop, AppStream metadata, MIME type) have their rules in
# assets/CMakeLists.txt.
include(GNUInstallDirs)
# Installing and cpack do not start a build of everything (a test build tree's tests and benchmarks included): they
# take what is built. Build first (scripts/package does); a missing file stops the install, naming it.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS bordermap RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The man page, made from the built program's --help and --version by help2man (cmake/manpage.sh), so that it
# says what the installed program does.
# Looked for here so that a missing help2man (Debian's help2man) stops the configure, naming it.
find_program(BORDERMAP_HELP2MAN help2man REQUIRED)
set(bordermap_man_dir ${PROJECT_BINARY_DIR}/man)
add_custom_command(
  OUTPUT ${bordermap_man_dir}/bordermap.1.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${bordermap_man_dir}
  COMMAND ${PROJECT_SOURCE_DIR}/cmake/manpage.sh $<TARGET_FILE:bordermap> ${PROJECT_SOURCE_DIR}/assets/man/bordermap.h2m
          ${PROJECT_SOURCE_DIR}/assets/doc/changelog ${bordermap_man_dir}
  DEPENDS bordermap ${PROJECT_SOURCE_DIR}/assets/man/bordermap.h2m ${PROJECT_SOURCE_DIR}/cmake/manpage.sh
          ${PROJECT_SOURCE_DIR}/assets/doc/changelog
  COMMENT "Writing the man page bordermap.1 from bordermap --help"
  VERBATIM)
# A sanitized build is for its tests and is not installed: it skips the page (help2man runs its slow-starting binary
# some twenty times).
if(BORDERMAP_SANITIZERS OR BORDERMAP_BUILD_FUZZERS)
  add_custom_target(bordermap_man DEPENDS ${bordermap_man_dir}/bordermap.1.gz)
else()
  add_custom_target(bordermap_man ALL DEPENDS ${bordermap_man_dir}/bordermap.1.gz)
endif()
install(FILES ${bordermap_man_dir}/bordermap.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# bash-completion's own place for completions loaded on demand (its pkg-config variable completionsdir is
# /usr/share/bash-completion/completions): under DATAROOTDIR, so that it follows the prefix.
install(FILES assets/completion/bordermap DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions)

# The changelog's newest entry must be this version: Debian's tools read the package's version history from it.
file(STRINGS assets/doc/changelog bordermap_changelog_top LIMIT_COUNT 1)
if(NOT bordermap_changelog_top MATCHES "^bordermap \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "assets/doc/changelog: the newest entry is '${bordermap_changelog_top}', but project(VERSION) "
                      "is ${PROJECT_VERSION}: add an entry for ${PROJECT_VERSION}")
endif()
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/doc/changelog.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/doc
  COMMAND sh -c "gzip -9n -c \"$0\" > \"$1\"" ${PROJECT_SOURCE_DIR}/assets/doc/changelog
          ${PROJECT_BINARY_DIR}/doc/changelog.gz
  DEPENDS ${PROJECT_SOURCE_DIR}/assets/doc/changelog
  VERBATIM)
add_custom_target(bordermap_changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/doc/changelog.gz)
install(FILES README.md assets/doc/copyright ${PROJECT_BINARY_DIR}/doc/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The Debian package: `cpack -G DEB` in the build folder, or scripts/package.
set(CPACK_PACKAGE_NAME bordermap)
set(CPACK_PACKAGE_VENDOR "bordermap maintainers")
set(CPACK_PACKAGE_CONTACT "bordermap maintainers <maintainers@users.noreply.h-seed-8c3c755d.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "map of the Afghanistan-Pakistan border and its events over time")
# Debian's long description: lines under 80 characters.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "bordermap draws the Afghanistan-Pakistan border (the Durand Line), the\n"
    "provinces and crossings on either side, and the events there (closures,\n"
    "airstrikes, clashes, talks) under a time slider, each event citing its\n"
    "sources. Its viewer presents briefings on a projector; its commands render\n"
    "maps, videos and handouts with no display, give the state of the border on\n"
    "a date, check and convert events files (GeoJSON, GeoPackage, KML, CSV,\n"
    "ACLED exports) and share a catalogue through PostgreSQL/PostGIS. The\n"
    "boundaries and the event catalogue are compiled into the program.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # bordermap_0.1.0_amd64.deb, Debian's form
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)    # Depends from dpkg-shlibdeps: the libraries the binary links
# and the fonts, which no library names: the viewer's panels are DejaVu Sans, found by path (it stops without
# them), and the map's text is Noto Sans, with Noto's Arabic-script faces for Dari, Pashto and Urdu names.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-noto-core")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Folders 0755 whatever the builder's umask (lintian: non-standard-dir-perm).
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
