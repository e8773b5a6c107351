// The media store: the local directory (atomic writes, no key escaping its root) and S3 through
// libcurl's SigV4 — against an endpoint that verifies every signature (s3rver does not), and
// against a real s3rver when scripts/with-s3rver.sh runs the tests.
#include "blob/store.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <sys/stat.h>

#include "support/databases.h"
#include "support/fixtures.h"
#include "support/sigv4_server.h"

namespace torpedo::blob {
namespace {

namespace fs = std::filesystem;
using testing::read_file;

class Blob : public ::testing::Test {
 protected:
  void SetUp() override { dir = testing::make_temp_dir("blob"); }
  void TearDown() override { fs::remove_all(dir); }
  std::string file(const std::string& name, const std::string& bytes) {
    const auto p = dir / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  void round_trip(Store& store) {
    std::string big(3 << 20, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7919 % 251);
    store.put_file("audio/7/8k.wav", file("in.wav", big));
    EXPECT_TRUE(store.exists("audio/7/8k.wav"));
    auto local = store.local_file("audio/7/8k.wav");
    ASSERT_TRUE(local);
    EXPECT_EQ(read_file(*local), big);
    store.put_file("audio/7/8k.wav", file("in2.wav", "replaced"));  // a new upload of the same key
    store.remove("audio/7/8k.wav");
    EXPECT_FALSE(store.exists("audio/7/8k.wav"));
    EXPECT_FALSE(store.local_file("audio/7/8k.wav"));
    EXPECT_THROW(store.put_file("../escape", file("x", "x")), std::invalid_argument);
  }
  fs::path dir;
};

TEST_F(Blob, LocalDirectoryIsAtomicAndConfined) {
  LocalStore store(dir / "media");
  round_trip(store);
  EXPECT_THROW(store.local_file("/etc/passwd"), std::invalid_argument);
  for (const auto& e : fs::recursive_directory_iterator(dir / "media"))
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << "no temporary left: " << e.path();
}

TEST_F(Blob, AtomicWritesLeaveWholeReadableFilesOrNothing) {
  const fs::path target = dir / "out" / "torpedo_pjsip.conf";
  fs::create_directories(target.parent_path());
  ::umask(077);  // as a locked-down service would run: the reader (Asterisk) is another user
  write_file_atomically(target, "[r1001]\ntype = aor\n");
  copy_file_atomically(file("wav", "RIFF"), dir / "out" / "audio-1.wav");
  ::umask(022);
  EXPECT_EQ(read_file(target), "[r1001]\ntype = aor\n");
  EXPECT_EQ(read_file(dir / "out" / "audio-1.wav"), "RIFF");
  for (const auto& p : {target, dir / "out" / "audio-1.wav"})
    EXPECT_EQ(fs::status(p).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  // A directory that does not exist: an error, and nothing left behind.
  EXPECT_THROW(write_file_atomically(dir / "missing" / "x.conf", "x"), std::runtime_error);
  EXPECT_THROW(copy_file_atomically(dir / "no-such-file", dir / "out" / "y"), std::runtime_error);
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir / "out")) {
    ++files;
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << e.path();
  }
  EXPECT_EQ(files, 2u);
}

using testing::SigV4Server;

TEST_F(Blob, S3SignsEveryRequestAsAnSigV4VerifierExpects) {
  SigV4Server server("TORPEDOKEY", "torpedo-secret");
  ASSERT_FALSE(server.endpoint.empty());
  S3Options o;
  o.endpoint = server.endpoint;
  o.bucket = "media";
  o.prefix = "torpedo";
  o.access_key = "TORPEDOKEY";
  o.secret_key = "torpedo-secret";
  o.cache_dir = dir / "cache";
  S3Store store(o);
  round_trip(store);

  o.secret_key = "wrong-secret";
  S3Store wrong(o);
  try {
    wrong.put_file("audio/1/x.wav", file("x.wav", "x"));
    FAIL() << "a wrong secret must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("403"), std::string::npos) << e.what();
  }
}

TEST_F(Blob, S3AgainstS3rver) {
  const char* endpoint = std::getenv("TORPEDO_TEST_S3_ENDPOINT");
  if (!endpoint) {
    if (std::getenv("TORPEDO_TEST_SKIP_S3")) GTEST_SKIP() << "TORPEDO_TEST_SKIP_S3=1";
    FAIL() << "TORPEDO_TEST_S3_ENDPOINT is not set: run the tests through scripts/with-s3rver.sh (make test does)";
  }
  S3Options o;
  o.endpoint = endpoint;
  o.bucket = "torpedo-test";
  o.prefix = "media";
  o.access_key = "S3RVER";
  o.secret_key = "S3RVER";
  o.cache_dir = dir / "cache";
  S3Store store(o);
  round_trip(store);
  auto opened = open_store("s3://torpedo-test/other", o);
  opened->put_file("k.txt", file("k.txt", "hello"));
  EXPECT_TRUE(opened->exists("k.txt"));
  EXPECT_THROW(open_store("s3:///nobucket", o), std::invalid_argument);
}

}  // namespace
}  // namespace torpedo::blob
