# wasm_asyncify(): a post-link step that rewrites a wasm executable with
# wasm-asyncify. Part of the WasmAsyncify package (find_package(WasmAsyncify));
# the reference is docs/cmake.md.
#
#   wasm_asyncify(<target>
#                 [IMPORTS <pattern>...]
#                 [OPTIONS <tool-argument>...]
#                 [OUTPUT <file>]
#                 [REPORT <file>])
#
# IMPORTS  the imports that may suspend, as module.name patterns
#          (env.sleep_ms, env.fetch_*, @file); each becomes --imports=<pattern>.
#          Without IMPORTS every import may suspend (the tool's default).
# OPTIONS  more arguments for the tool, as they are (-O2 --asserts ...), but
#          not -o/--output.
# OUTPUT   write the rewritten module here and keep the linked one; relative
#          to the current binary directory. Without OUTPUT the linked module is
#          rewritten in place.
# REPORT   write the analysis report (JSON, docs/report.md) here; relative to
#          the current binary directory.
#
# The step runs whenever the target is linked, and again when the tool
# changes. If the tool fails, the build fails and the linked module (and
# OUTPUT) is deleted, so the next build links and rewrites again instead of
# taking an unrewritten module for done. Sets the target property
# WASM_ASYNCIFY_OUTPUT to the rewritten module's path (a generator
# expression when in place).

set(_WASM_ASYNCIFY_RUN_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/WasmAsyncifyRun.cmake")

function(wasm_asyncify target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT;REPORT" "IMPORTS;OPTIONS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "wasm_asyncify(${target}): unexpected arguments: ${arg_UNPARSED_ARGUMENTS} "
                        "(expected IMPORTS, OPTIONS, OUTPUT, REPORT)")
  endif()
  foreach(keyword IN LISTS arg_KEYWORDS_MISSING_VALUES)
    if(keyword STREQUAL "IMPORTS")
      message(FATAL_ERROR "wasm_asyncify(${target}): IMPORTS needs at least one pattern "
                          "(leave IMPORTS out to let every import suspend)")
    elseif(NOT keyword STREQUAL "OPTIONS")
      message(FATAL_ERROR "wasm_asyncify(${target}): ${keyword} needs a value")
    endif()
  endforeach()
  foreach(option IN LISTS arg_OPTIONS)
    if(option MATCHES "^(-o|--output)(=.*)?$")
      message(FATAL_ERROR "wasm_asyncify(${target}): OPTIONS must not set the output (${option}); use OUTPUT")
    endif()
  endforeach()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "wasm_asyncify: there is no target named '${target}'")
  endif()
  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "EXECUTABLE")
    message(FATAL_ERROR "wasm_asyncify(${target}): the target is a ${type}; only an executable is linked "
                        "into a module that can be rewritten")
  endif()
  get_target_property(imported ${target} IMPORTED)
  if(imported)
    message(FATAL_ERROR "wasm_asyncify(${target}): the target is imported: there is no link step to follow")
  endif()
  get_target_property(suffix ${target} SUFFIX)
  if(NOT suffix)
    set(suffix "${CMAKE_EXECUTABLE_SUFFIX}")
  endif()
  if(suffix STREQUAL ".js" OR suffix STREQUAL ".mjs" OR suffix STREQUAL ".html")
    message(FATAL_ERROR "wasm_asyncify(${target}): the target's file is a ${suffix} (Emscripten), not the "
                        "module; use Emscripten's -sASYNCIFY with wasm-asyncify in place of wasm-opt "
                        "(docs/emscripten.md)")
  endif()
  get_target_property(done ${target} WASM_ASYNCIFY_OUTPUT)
  if(done)
    message(FATAL_ERROR "wasm_asyncify(${target}): called twice for this target; a module is rewritten once")
  endif()
  if(NOT TARGET WasmAsyncify::wasm-asyncify)
    message(FATAL_ERROR "wasm_asyncify: the imported target WasmAsyncify::wasm-asyncify is missing "
                        "(call find_package(WasmAsyncify) in this directory or a parent)")
  endif()

  set(input "$<TARGET_FILE:${target}>")
  set(output "${input}")
  set(directories "")
  if(DEFINED arg_OUTPUT)
    cmake_path(ABSOLUTE_PATH arg_OUTPUT BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE
               OUTPUT_VARIABLE output)
    cmake_path(GET output PARENT_PATH dir)
    list(APPEND directories "${dir}")
    set_property(TARGET ${target} APPEND PROPERTY ADDITIONAL_CLEAN_FILES "${output}")
  endif()

  set(tool_args "${input}")
  foreach(pattern IN LISTS arg_IMPORTS)
    list(APPEND tool_args "--imports=${pattern}")
  endforeach()
  if(DEFINED arg_REPORT)
    cmake_path(ABSOLUTE_PATH arg_REPORT BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE
               OUTPUT_VARIABLE report)
    list(APPEND tool_args "--report=${report}")
    cmake_path(GET report PARENT_PATH dir)
    list(APPEND directories "${dir}")
    set_property(TARGET ${target} APPEND PROPERTY ADDITIONAL_CLEAN_FILES "${report}")
  endif()
  list(APPEND tool_args ${arg_OPTIONS} -o "${output}")

  set(make_directories "")
  if(directories)
    list(REMOVE_DUPLICATES directories)
    set(make_directories COMMAND "${CMAKE_COMMAND}" -E make_directory ${directories})
  endif()
  add_custom_command(TARGET ${target} POST_BUILD
    ${make_directories}
    COMMAND "${CMAKE_COMMAND}" -P "${_WASM_ASYNCIFY_RUN_SCRIPT}" --
            "$<TARGET_FILE:WasmAsyncify::wasm-asyncify>" "${input}" "${output}" ${tool_args}
    COMMENT "wasm-asyncify: rewriting ${target}"
    VERBATIM)
  # Relink (and so rewrite again) when the tool or the step changes.
  get_target_property(tool WasmAsyncify::wasm-asyncify IMPORTED_LOCATION)
  if(tool)
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${tool}" "${_WASM_ASYNCIFY_RUN_SCRIPT}")
  endif()
  set_property(TARGET ${target} PROPERTY WASM_ASYNCIFY_OUTPUT "${output}")
endfunction()
