// Parse throughput of the AMI codec over a large stream built from the Asterisk 22
// recordings (every .ami file without its banner, repeated to ~64 MiB): events/s and bytes/s.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ami/parser.h"

namespace {

std::string build_stream() {
  std::string one_pass;
  for (const auto& e : std::filesystem::directory_iterator(TORPEDO_FIXTURES_DIR "/ami")) {
    if (e.path().extension() != ".ami") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    one_pass += bytes.substr(bytes.find("\r\n") + 2);  // without the banner
  }
  std::string stream = "Asterisk Call Manager/11.0.0\r\n";
  while (stream.size() < (64u << 20)) stream += one_pass;
  return stream;
}

// Feeds the stream in socket-sized reads (16 KiB) and touches each message as a dispatcher
// would (its event name and ActionID).
void BM_ParseAndDispatch(benchmark::State& state) {
  static const std::string stream = build_stream();
  const std::size_t read_size = static_cast<std::size_t>(state.range(0));
  std::size_t seen = 0;
  for (auto _ : state) {
    torpedo::ami::Parser parser;
    std::vector<torpedo::ami::Message> out;
    out.reserve(4096);
    for (std::size_t i = 0; i < stream.size(); i += read_size) {
      parser.feed(std::string_view(stream).substr(i, read_size), out);
      for (const auto& m : out) {
        benchmark::DoNotOptimize(m.event());
        benchmark::DoNotOptimize(m.action_id());
        ++seen;
      }
      out.clear();
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(seen));
  state.SetBytesProcessed(static_cast<std::int64_t>(stream.size() * state.iterations()));
  state.counters["events"] = benchmark::Counter(static_cast<double>(seen), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseAndDispatch)->Arg(16 << 10)->Arg(1500)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
