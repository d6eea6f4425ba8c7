#include "lib/Module.h"

#include "lib/CodeChunks.h"
#include "lib/ConstantExprGuard.h"
#include "lib/CustomSections.h"

#include "lib/Diagnostics.h"
#include "lib/Isolate.h"
#include "lib/Parallel.h"
#include "lib/WabtStream.h"

#include <wabt/apply-names.h>
#include <wabt/binary-reader-ir.h>
#include <wabt/binary-reader.h>
#include <wabt/binary-writer.h>
#include <wabt/error.h>
#include <wabt/ir.h>
#include <wabt/resolve-names.h>
#include <wabt/stream.h>
#include <wabt/validator.h>
#include <wabt/wast-lexer.h>
#include <wabt/wast-parser.h>
#include <wabt/wat-writer.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wa {

Module::Module(BinaryenModuleRef ref, ModuleFacts facts, std::string path, size_t inputSize)
    : ref_(ref), facts_(std::move(facts)), path_(std::move(path)), inputSize_(inputSize) {}

Module::~Module() {
  releaseIr();
}

void Module::releaseIr() {
  if (!ref_)
    return;
  BinaryenModuleDispose(ref_);
  ref_ = nullptr;
  // The IR's pages go back to the system: what runs next allocates large
  // buffers (WABT's check), which would be new pages on top of them.
  malloc_trim(0);
}

Module::Module(Module &&other) noexcept
    : ref_(other.ref_), facts_(std::move(other.facts_)), path_(std::move(other.path_)),
      inputSize_(other.inputSize_) {
  other.ref_ = nullptr;
}

namespace {

// The first of WABT's errors as one diagnostic; the rest are counted. Binary
// locations are offsets, text locations lines and columns (WABT keeps both in
// one union, so the caller says which).
Diagnostic firstError(const wabt::Errors &errors, const std::string &file, const char *phase,
                      bool binary) {
  Diagnostic d{file, phase, ""};
  if (errors.empty())
    return d;
  const wabt::Error &e = errors.front();
  d.what = fmt::format("{}: {}", phase, e.message);
  if (binary) {
    if (e.loc.offset != wabt::kInvalidOffset)
      d.where = fmt::format("offset 0x{:x}", e.loc.offset);
  } else if (e.loc.line > 0) {
    d.where = fmt::format("line {}, column {}", e.loc.line, e.loc.first_column);
  }
  if (errors.size() > 1)
    d.what +=
        fmt::format(" (and {} more error{})", errors.size() - 1, errors.size() > 2 ? "s" : "");
  return d;
}

// Every proposal WABT knows, except typed function references and GC: with
// those on, WABT 1.0.32 types `ref.func` as `(ref $t)` and rejects valid
// reference-types modules. Modules that need them are refused anyway.
wabt::Features wabtFeatures() {
  wabt::Features f;
  f.EnableAll();
  f.disable_function_references();
  f.disable_gc();
  // WABT 1.0.32's text parser loops forever on an annotation `(@...` inside
  // a memory field (found by the libFuzzer target); Binaryen 108 has no use
  // for annotations either.
  f.disable_annotations();
  return f;
}

wabt::Features allWabtFeatures() {
  wabt::Features f;
  f.EnableAll();
  f.disable_annotations(); // see wabtFeatures
  return f;
}

// Does a module our features cannot read read once typed function
// references and GC are on? Then it uses them, and is beyond what we can
// rewrite. Only reading: WABT 1.0.32's validator asserts on some call_ref
// modules with those features on (found by the libFuzzer target).
bool needsGcFeatures(const std::vector<uint8_t> &bytes) {
  wabt::Errors errors;
  wabt::Module module;
  wabt::ReadBinaryOptions options(allWabtFeatures(), nullptr, false, true, false);
  return wabt::Succeeded(
      wabt::ReadBinaryIr("", bytes.data(), bytes.size(), options, &errors, &module));
}

[[noreturn]] void refuseGc(const std::string &file) {
  throw Error(ExitCode::Unsupported,
              {file,
               "the module uses typed function references or GC, which Binaryen 108's C API "
               "cannot inspect; such modules are refused rather than rewritten blindly",
               ""});
}

bool looksLikeText(const std::vector<uint8_t> &bytes) {
  for (uint8_t c : bytes) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
      continue;
    return c == '(' || c == ';';
  }
  return false;
}

// Text → validated WABT module → binary (with names, so that Binaryen sees the
// function names the text gave).
std::vector<uint8_t> textToBinary(const std::vector<uint8_t> &text, const std::string &file) {
  wabt::Errors errors;
  auto lexer = wabt::WastLexer::CreateBufferLexer(file, text.data(), text.size(), &errors);
  wabt::WastParseOptions parseOptions(wabtFeatures());
  std::unique_ptr<wabt::Module> module;
  if (wabt::Failed(wabt::ParseWatModule(lexer.get(), &module, &errors, &parseOptions))) {
    // Valid with typed function references or GC on? Then refuse it as such.
    wabt::Errors again;
    auto retry = wabt::WastLexer::CreateBufferLexer(file, text.data(), text.size(), &again);
    wabt::WastParseOptions allOptions(allWabtFeatures());
    std::unique_ptr<wabt::Module> gcModule;
    if (wabt::Succeeded(wabt::ParseWatModule(retry.get(), &gcModule, &again, &allOptions)))
      refuseGc(file);
    throw Error(ExitCode::Input, firstError(errors, file, "cannot parse the text module", false));
  }
  if (wabt::Failed(wabt::ResolveNamesModule(module.get(), &errors)))
    throw Error(ExitCode::Input, firstError(errors, file, "unresolved name", false));
  wabt::ValidateOptions validateOptions(wabtFeatures());
  if (wabt::Failed(wabt::ValidateModule(module.get(), &errors, validateOptions)))
    throw Error(ExitCode::Input, firstError(errors, file, "invalid module", false));
  // Binaryen 108 cannot parse the tag-names subsection WABT writes.
  for (wabt::Tag *tag : module->tags)
    tag->name.clear();
  wabt::MemoryStream stream;
  wabt::WriteBinaryOptions writeOptions(wabtFeatures(), /*canonicalize_lebs=*/true,
                                        /*relocatable=*/false, /*write_debug_names=*/true);
  if (wabt::Failed(wabt::WriteBinaryModule(&stream, module.get(), writeOptions)))
    throw Error(ExitCode::Input, {file, "cannot encode the text module as binary", ""});
  return stream.output_buffer().data;
}

// WABT's reader building its tree of the module, then its validator over
// the tree: slow and large (about 55 bytes per byte of code), but its first
// error is the one to show: a module that cannot be decoded is reported before
// one that decodes but is invalid, wherever each problem sits.
void describeWithWabtIr(const std::vector<uint8_t> &bytes, const std::string &file) {
  wabt::Errors errors;
  wabt::Module module;
  wabt::ReadBinaryOptions readOptions(wabtFeatures(), nullptr, /*read_debug_names=*/false,
                                      /*stop_on_first_error=*/true,
                                      /*fail_on_custom_section_error=*/false);
  if (wabt::Failed(wabt::ReadBinaryIr(file.c_str(), bytes.data(), bytes.size(), readOptions,
                                      &errors, &module))) {
    if (needsGcFeatures(bytes))
      refuseGc(file);
    throw Error(ExitCode::Input, firstError(errors, file, "malformed module", true));
  }
  wabt::ValidateOptions validateOptions(wabtFeatures());
  if (wabt::Failed(wabt::ValidateModule(&module, &errors, validateOptions)))
    throw Error(ExitCode::Input, firstError(errors, file, "invalid module", true));
}

// The streaming check decides (lib/WabtStream.h); a module it refuses is
// described by the tree-building one, whose messages put a malformation
// first: the streaming check stops at whichever problem comes first in the
// bytes (a function section before the type section shows as a type index
// out of range there).
void validateWholeWithWabt(const std::vector<uint8_t> &bytes, const std::string &file) {
  StreamCheck check = validateStreaming(file.c_str(), bytes.data(), bytes.size(), wabtFeatures());
  if (check.errors.empty())
    return;
  describeWithWabtIr(bytes, file);
  if (needsGcFeatures(bytes))
    refuseGc(file);
  throw Error(ExitCode::Input,
              firstError(check.errors, file,
                         check.malformed ? "malformed module" : "invalid module", true));
}

} // namespace

// WABT validates the module as it reads it (lib/WabtStream.h). A large one
// is split into one piece per thread, each the whole module with the bodies
// of a share of its functions (lib/CodeChunks.h). A piece that fails is
// reported as the whole module's first error, with its offset, by reading
// the whole module once more.
void validateWithWabt(const std::vector<uint8_t> &bytes, const std::string &file,
                      size_t chunkBytes) {
  std::optional<CodeLayout> layout = findCodeLayout(bytes);
  size_t codeBytes = layout ? layout->sectionEnd - layout->sectionStart : 0;
  if (chunkBytes == 0 || codeBytes <= 2 * chunkBytes || jobs() < 2)
    return validateWholeWithWabt(bytes, file);
  std::vector<std::pair<size_t, size_t>> chunks =
      chunkBodies(*layout, std::max(chunkBytes, codeBytes / jobs() + 1));
  std::vector<char> failed(chunks.size(), 0);
  parallelFor(chunks.size(), [&](size_t i) {
    std::vector<uint8_t> piece =
        moduleWithBodies(bytes, *layout, chunks[i].first, chunks[i].second);
    try {
      validateWholeWithWabt(piece, file);
    } catch (const Error &) {
      failed[i] = 1;
    }
  });
  if (std::find(failed.begin(), failed.end(), 1) == failed.end())
    return;
  validateWholeWithWabt(bytes, file);
  throw Error(ExitCode::Input,
              {file, "invalid module: WABT refuses a part of its code but not the whole", ""});
}

namespace {

std::vector<uint8_t> writeBinary(BinaryenModuleRef m) {
  BinaryenModuleAllocateAndWriteResult r = BinaryenModuleAllocateAndWrite(m, nullptr);
  std::vector<uint8_t> out(static_cast<uint8_t *>(r.binary),
                           static_cast<uint8_t *>(r.binary) + r.binaryBytes);
  std::free(r.binary);
  if (r.sourceMap)
    std::free(r.sourceMap);
  return out;
}

// The standard text format, written by WABT from the binary: Binaryen 108's
// printer uses syntax of its own in places (`(shared 1 4)` memories, tuple
// pseudo-instructions) that no other tool, ours included, reads back.
std::vector<uint8_t> binaryToText(const std::vector<uint8_t> &bytes, const std::string &file) {
  wabt::Errors errors;
  wabt::Module module;
  wabt::ReadBinaryOptions readOptions(wabtFeatures(), nullptr, /*read_debug_names=*/true,
                                      /*stop_on_first_error=*/true,
                                      /*fail_on_custom_section_error=*/false);
  if (wabt::Failed(wabt::ReadBinaryIr(file.c_str(), bytes.data(), bytes.size(), readOptions,
                                      &errors, &module)))
    throw Error(ExitCode::Internal,
                firstError(errors, file, "cannot print the rewritten module as text", true));
  // Names only make the text readable: where WABT 1.0.32 cannot apply one
  // (it gives up on a reference it cannot resolve, as wasm2wat knows and
  // ignores), the rest is still printed, by index where need be.
  (void)wabt::ApplyNames(&module);
  wabt::MemoryStream stream;
  wabt::WriteWatOptions writeOptions;
  writeOptions.fold_exprs = true;
  if (wabt::Failed(wabt::WriteWat(&stream, &module, writeOptions)))
    throw Error(ExitCode::Internal, {file, "cannot print the rewritten module as text", ""});
  return stream.output_buffer().data;
}

BinaryenFeatures toBinaryen(FeatureSet set) {
  BinaryenFeatures out = BinaryenFeatureMVP();
  const std::pair<FeatureSet, BinaryenFeatures> map[] = {
      {FeatureSignExt, BinaryenFeatureSignExt()},
      {FeatureMutableGlobals, BinaryenFeatureMutableGlobals()},
      {FeatureSatFloatToInt, BinaryenFeatureNontrappingFPToInt()},
      {FeatureSIMD, BinaryenFeatureSIMD128()},
      {FeatureBulkMemory, BinaryenFeatureBulkMemory()},
      {FeatureMultivalue, BinaryenFeatureMultivalue()},
      {FeatureReferenceTypes, BinaryenFeatureReferenceTypes()},
      {FeatureTailCall, BinaryenFeatureTailCall()},
      {FeatureExceptions, BinaryenFeatureExceptionHandling()},
      {FeatureThreads, BinaryenFeatureAtomics()},
      {FeatureMemory64, BinaryenFeatureMemory64()},
      {FeatureExtendedConst, BinaryenFeatureExtendedConst()},
      {FeatureRelaxedSIMD, BinaryenFeatureRelaxedSIMD()},
  };
  for (const auto &[ours, theirs] : map)
    if (set & ours)
      out |= theirs;
  return out;
}

} // namespace

bool isBinary(const std::vector<uint8_t> &bytes) {
  return bytes.size() >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' &&
         bytes[3] == 'm';
}

std::vector<uint8_t> readFileBytes(const std::string &path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error(ExitCode::Input, {path, "is a directory, not a wasm module", ""});
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ExitCode::Input, {path, fmt::format("cannot open: {}", std::strerror(errno)), ""});
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  if (in.bad())
    throw Error(ExitCode::Input, {path, fmt::format("cannot read: {}", std::strerror(errno)), ""});
  return bytes;
}

namespace {

// Modules that are valid wasm but that Binaryen 108 cannot read (or would
// run out of memory reading), refused before it sees them.
void refuseUnreadable(const ModuleFacts &facts, const std::string &name) {
  if (facts.firstUnterminatedBody != ModuleFacts::kNoFunction)
    throw Error(ExitCode::Input,
                {name,
                 "malformed module: the function body ends inside a block (its last `end` "
                 "closes a block, not the function)",
                 fmt::format("function #{}", facts.firstUnterminatedBody)});
  if (!facts.nameWithNul.empty())
    throw Error(ExitCode::Unsupported,
                {name,
                 fmt::format("an import or export name contains a NUL byte (`{}`, NUL shown as ?): "
                             "valid wasm, but Binaryen 108, our IR, cannot hold such a name",
                             facts.nameWithNul),
                 ""});
  if (facts.memories.size() > 1)
    throw Error(ExitCode::Unsupported,
                {name,
                 fmt::format("the module has {} memories; multi-memory modules are not supported "
                             "(Binaryen 108, our IR, holds one memory)",
                             facts.memories.size()),
                 ""});
  if (facts.features & (FeatureGC | FeatureFunctionReferences))
    refuseGc(name);
  if (facts.firstBlockWithParams != ModuleFacts::kNoFunction)
    throw Error(ExitCode::Unsupported,
                {name,
                 "a block, loop or if takes parameters (multivalue); Binaryen 108, our IR, "
                 "cannot read that",
                 fmt::format("function #{}", facts.firstBlockWithParams)});
  // Binaryen allocates every declared local before anything else can look.
  if (facts.mostLocals > kMaxFunctionLocals)
    throw Error(ExitCode::Unsupported,
                {name,
                 fmt::format("a function has {} locals (parameters included); engines accept "
                             "at most {}, so neither it nor its rewritten form could run",
                             facts.mostLocals, kMaxFunctionLocals),
                 fmt::format("function #{}", facts.mostLocalsFunction)});
}

} // namespace

void validateBinaryInput(const std::vector<uint8_t> &bytes, const std::string &name) {
  checkConstantExpressions(bytes, name); // before WABT's reader, which asserts on them
  validateWithWabt(bytes, name);
}

Module readModuleFromBytes(const std::vector<uint8_t> &input, const std::string &name,
                           const std::function<void()> &awaitValidation) {
  std::vector<uint8_t> binary;
  bool elsewhere = awaitValidation && isBinary(input);
  if (isBinary(input)) {
    if (!elsewhere)
      validateBinaryInput(input, name);
    binary = input;
  } else if (looksLikeText(input)) {
    binary = textToBinary(input, name);
  } else if (input.empty()) {
    throw Error(ExitCode::Input, {name, "empty file, not a wasm module", ""});
  } else {
    throw Error(ExitCode::Input,
                {name, "not a wasm module: no \\0asm magic and not the text format", "offset 0x0"});
  }

  // Until the validation elsewhere has passed, an error here may be a
  // consequence of a malformed input: the validation's message comes first.
  std::vector<Diagnostic> warnings;
  ModuleFacts facts;
  BinaryenModuleRef ref = nullptr;
  try {
    // DWARF and names Binaryen cannot read are dropped (lib/CustomSections.h).
    binary = sanitizeCustomSections(binary, name, warnings);
    facts = readModuleFacts(binary, name);
    refuseUnreadable(facts, name);
    ref = BinaryenModuleRead(reinterpret_cast<char *>(binary.data()), binary.size());
  } catch (...) {
    if (elsewhere)
      awaitValidation();
    throw;
  }
  if (elsewhere)
    awaitValidation();
  facts.warnings = std::move(warnings);
  Module module(ref, facts, name, input.size());
  BinaryenModuleSetFeatures(ref, BinaryenModuleGetFeatures(ref) | toBinaryen(facts.features));
  // Binaryen's validator is stricter than the spec in places (an active
  // element segment past the table's size, which only traps when
  // instantiated): such an input could never pass our output check, and the
  // failure is Binaryen's, not a bug of ours.
  if (!BinaryenModuleValidate(ref))
    throw Error(ExitCode::Unsupported,
                {name,
                 "valid wasm that Binaryen 108, our IR, rejects (its validator's messages are "
                 "above); it cannot be rewritten",
                 ""});
  return module;
}

Module readModule(const std::string &path) {
  return readModuleFromBytes(readFileBytes(path), path);
}

void validateOutput(const Module &module) {
  if (!BinaryenModuleValidate(module.ref()))
    throw Error(ExitCode::Internal, {module.path(),
                                     "the rewritten module fails validation; this is a bug in "
                                     "wasm-asyncify, please report it with the input module",
                                     ""});
}

std::vector<uint8_t> writeOutput(const Module &module) {
  return writeBinary(module.ref());
}

void checkOutput(const Module &module, const std::vector<uint8_t> &bytes) {
  // The second opinion: WABT must accept what Binaryen wrote. Binaryen's IR
  // can give values types the input's features do not allow (a ref.func
  // typed as a non-nullable typed reference); such a module is never written.
  try {
    validateWithWabt(bytes, module.path());
  } catch (const Error &e) {
    throw Error(ExitCode::Internal,
                {module.path(),
                 fmt::format("the rewritten module fails WABT's validation ({}); this is a bug in "
                             "wasm-asyncify, please report it with the input module",
                             e.diagnostic().what),
                 e.diagnostic().where});
  }
}

std::vector<uint8_t> writeOutputText(const Module &module) {
  // Text always carries the names (functions, locals, globals): written
  // once more with the name section, for printing only.
  bool debugInfo = BinaryenGetDebugInfo();
  BinaryenSetDebugInfo(true);
  std::vector<uint8_t> withNames = writeBinary(module.ref());
  BinaryenSetDebugInfo(debugInfo);
  return binaryToText(withNames, module.path());
}

namespace {

[[noreturn]] void cannotWrite(const std::string &path, const std::string &what, int err) {
  throw Error(ExitCode::Output,
              {path, fmt::format("cannot write {}: {}", what, std::strerror(err)), ""});
}

void writeInPlace(const std::string &path, const std::vector<uint8_t> &bytes,
                  const std::string &what) {
  if (path == "-") {
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() || std::fflush(stdout))
      throw Error(ExitCode::Output, {"<stdout>", fmt::format("cannot write {}", what), ""});
    return;
  }
  std::FILE *out = std::fopen(path.c_str(), "wb");
  if (!out)
    cannotWrite(path, what, errno);
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size();
  int err = errno;
  if (std::fclose(out) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok)
    cannotWrite(path, what, err);
}

} // namespace

StagedWrites::~StagedWrites() {
  for (const auto &f : files_)
    if (!f.temp.empty()) {
      ::unlink(f.temp.c_str());
      forgetTempFile(f.temp);
    }
}

void StagedWrites::stage(const std::string &path, std::vector<uint8_t> bytes,
                         const std::string &what) {
  namespace fs = std::filesystem;
  Staged st{path, "", what, {}, false};
  std::error_code statError;
  fs::file_status status = fs::status(path, statError);
  if (path == "-" || (!statError && fs::exists(status) && !fs::is_regular_file(status))) {
    // Renaming a file over a device would replace the device.
    if (path != "-" && fs::is_directory(status))
      throw Error(ExitCode::Output,
                  {path, fmt::format("cannot write {}: it is a directory", what), ""});
    st.direct = true;
    st.inPlace = std::move(bytes);
    files_.push_back(std::move(st));
    return;
  }
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string tmpl = (dir / (target.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0)
    cannotWrite(path, what, errno);
  st.temp = name.data();
  noteTempFile(st.temp);
  files_.push_back(st); // from here on the destructor removes the temporary file
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int err = errno;
      ::close(fd);
      cannotWrite(path, what, err);
    }
    done += static_cast<size_t>(n);
  }
  // New files get the usual permissions (mkstemp makes them 0600).
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::close(fd) != 0)
    cannotWrite(path, what, errno);
}

void StagedWrites::commit() {
  for (auto &f : files_) {
    if (f.direct) {
      writeInPlace(f.path, f.inPlace, f.what);
      continue;
    }
    if (std::rename(f.temp.c_str(), f.path.c_str()) != 0)
      cannotWrite(f.path, f.what, errno);
    forgetTempFile(f.temp);
    f.temp.clear();
  }
  files_.clear();
}

void writeFileAtomically(const std::string &path, const std::vector<uint8_t> &bytes,
                         const std::string &what) {
  StagedWrites w;
  w.stage(path, bytes, what);
  w.commit();
}

} // namespace wa
