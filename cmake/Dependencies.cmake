# Every dependency comes from a Debian 12 package (scripts/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)  # MD5 of the AMI challenge login
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

# SOCI 4.0.3 ships neither a CMake config nor a .pc file. We link only the core; the
# backend (libsoci_sqlite3 / libsoci_mysql) is loaded at run time from the connect string.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIB soci_core REQUIRED)
add_library(soci::core UNKNOWN IMPORTED)
set_target_properties(soci::core PROPERTIES
  IMPORTED_LOCATION "${SOCI_CORE_LIB}"
  INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "Boost::headers;${CMAKE_DL_LIBS}")

if(TORPEDO_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(TORPEDO_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# libphonenumber 8.12 (Debian) ships neither a CMake config nor a .pc file; its headers need
# protobuf's. Do not define I18N_PHONENUMBERS_USE_BOOST: Debian's build does not.
pkg_check_modules(PROTOBUF REQUIRED IMPORTED_TARGET protobuf)
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
find_library(PHONENUMBER_LIB phonenumber REQUIRED)
add_library(phonenumber::phonenumber UNKNOWN IMPORTED)
set_target_properties(phonenumber::phonenumber PROPERTIES
  IMPORTED_LOCATION "${PHONENUMBER_LIB}"
  INTERFACE_INCLUDE_DIRECTORIES "${PHONENUMBER_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "PkgConfig::PROTOBUF")

# libsndfile 1.2 (WAV, MP3 through mpg123/lame, OGG, FLAC, raw GSM) and libsamplerate: audio.
pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile)
pkg_check_modules(SAMPLERATE REQUIRED IMPORTED_TARGET samplerate)
