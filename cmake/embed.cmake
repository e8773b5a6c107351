# cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=ns::name -P embed.cmake
# Writes a C++ source defining `const char* const SYMBOL` with the file's bytes.
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX MATCH "^(.*)::([^:]+)$" _ "${SYMBOL}")
set(ns "${CMAKE_MATCH_1}")
set(name "${CMAKE_MATCH_2}")
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT} by cmake/embed.cmake. Do not edit.\nnamespace ${ns} {\nstatic const char k_data[] = {${bytes} '\\0'};\nextern const char* const ${name};\nconst char* const ${name} = k_data;\n}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
