#pragma once
// Thin, misuse-resistant wrappers over libsodium. Every function is thread-safe once
// crypto_init() has run (the daemon and the tests call it first).
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace torpedo::crypto {

void init();

// Cryptographically random bytes rendered URL-safe (base64url, no padding).
std::string random_token(std::size_t bytes);

std::string base64url_encode(std::string_view data);
std::string hex_encode(std::string_view data);

// Lower-case hex SHA-256. Used to store session and API tokens: the database never holds
// a token that would let its reader log in.
std::string sha256_hex(std::string_view data);
// The same over a file, read in blocks (media files, uploads). Throws when it cannot be read.
std::string sha256_file_hex(const std::string& path);
// `bytes` random bytes as lower-case hex.
std::string random_hex(std::size_t bytes);
// `length` characters drawn uniformly from `alphabet` (SIP secrets and user names, which must
// survive configuration files and phone keypads: letters and digits only).
std::string random_string(std::size_t length, std::string_view alphabet =
                                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

// argon2id, libsodium's "interactive" limits (~70 ms on the reference machine).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view stored_hash, std::string_view password);

// Constant-time comparison of two equal-purpose secrets.
bool equal_constant_time(std::string_view a, std::string_view b);

// Authenticated encryption of secrets at rest (trunk, extension and AMI secrets).
// Ciphertext format: "v1:" + base64url(nonce || secretbox(ciphertext)).
class SecretBox {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  explicit SecretBox(const std::array<unsigned char, kKeyBytes>& key);

  // Loads the key file, creating it (mode 0600) with a fresh key when it does not exist.
  static SecretBox load_or_create(const std::filesystem::path& key_file);

  std::string seal(std::string_view plaintext) const;
  // nullopt when the ciphertext was tampered with or made with another key.
  std::optional<std::string> open(std::string_view sealed) const;

 private:
  std::array<unsigned char, kKeyBytes> key_;
};

}  // namespace torpedo::crypto
