# Toolchain file: clang --target=wasm32-wasi with the wasi-libc sysroot.
# Debian: apt install clang lld wasi-libc libclang-rt-14-dev-wasm32, and the
# sysroot is /usr. With wasi-sdk, set WASI_SYSROOT to its share/wasi-sysroot
# and CMAKE_C_COMPILER to its clang, or use wasi-sdk's own toolchain file
# (only this file is tested with wasm_asyncify() here).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)

set(WASI_SYSROOT /usr CACHE PATH "The wasi-libc sysroot")
set(CMAKE_C_COMPILER clang)
set(CMAKE_CXX_COMPILER clang++)
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)
set(CMAKE_SYSROOT ${WASI_SYSROOT})

# Programs are modules: name them .wasm.
set(CMAKE_EXECUTABLE_SUFFIX .wasm)
set(CMAKE_EXECUTABLE_SUFFIX_C .wasm)
set(CMAKE_EXECUTABLE_SUFFIX_CXX .wasm)
