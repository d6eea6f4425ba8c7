# The command behind wasm_asyncify()'s post-link step (WasmAsyncifyFunctions.cmake):
#
#   cmake -P WasmAsyncifyRun.cmake -- TOOL INPUT OUTPUT TOOL-ARGUMENTS...
#
# Runs TOOL TOOL-ARGUMENTS...; if it fails, deletes INPUT (the linked
# module) and OUTPUT, so that the next build links and rewrites again
# instead of keeping an unrewritten module that looks up to date.

set(args "")
set(seen_separator FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 1 ${last})
  if(seen_separator)
    list(APPEND args "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "--")
    set(seen_separator TRUE)
  endif()
endforeach()
list(LENGTH args n)
if(n LESS 4)
  message(FATAL_ERROR "WasmAsyncifyRun.cmake: usage: cmake -P WasmAsyncifyRun.cmake -- TOOL INPUT OUTPUT ARGS...")
endif()
list(POP_FRONT args tool input output)

if(NOT input STREQUAL output)
  file(REMOVE "${output}") # no stale module when the tool fails
endif()
execute_process(COMMAND "${tool}" ${args} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE "${input}" "${output}")
  message(FATAL_ERROR "wasm-asyncify failed (${status}) on ${input}; removed it so that the next build "
                      "links and rewrites it again")
endif()
