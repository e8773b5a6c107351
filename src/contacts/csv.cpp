#include "contacts/csv.h"

#include "common/text.h"

namespace torpedo::contacts {

const char* to_string(Encoding e) { return e == Encoding::utf8 ? "utf-8" : "windows-1252"; }

Sniffed sniff(std::string_view head) {
  Sniffed s;
  if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF'))) {
    s.binary = true;
    s.problem = "o arquivo está em UTF-16 (\"Texto Unicode\" do Excel): salve-o como \"CSV UTF-8\" ou \"CSV (separado por vírgulas)\"";
    return s;
  }
  if (head.find('\0') != std::string_view::npos) {
    s.binary = true;
    s.problem = "o arquivo não é um CSV (tem conteúdo binário): exporte a planilha como CSV e envie de novo";
    return s;
  }
  if (head.substr(0, 3) == "\xEF\xBB\xBF") {
    s.bom = true;
    head.remove_prefix(3);
  }
  s.dialect.encoding = s.bom || is_utf8(head, true) ? Encoding::utf8 : Encoding::windows1252;
  // The delimiter: the most frequent of ; , TAB outside quotes on the first line.
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : head) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  if (semicolons >= commas && semicolons >= tabs && semicolons > 0) s.dialect.delimiter = ';';
  else if (tabs > commas) s.dialect.delimiter = '\t';
  else s.dialect.delimiter = ',';
  return s;
}

CsvReader::CsvReader(std::istream& in, CsvDialect dialect, CsvLimits limits)
    : in_(in), dialect_(dialect), limits_(limits) {}

bool CsvReader::fill() {
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old = buf_.size();
  buf_.resize(old + 256 * 1024);
  in_.read(buf_.data() + old, static_cast<std::streamsize>(256 * 1024));
  buf_.resize(old + static_cast<std::size_t>(in_.gcount()));
  if (!started_) {
    started_ = true;
    if (buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
      pos_ = 3;
      consumed_ = 3;
    }
  }
  return buf_.size() > old;
}

int CsvReader::peek() {
  if (pos_ >= buf_.size() && !fill()) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

void CsvReader::finish_field(CsvRecord& r, std::string& field) const {
  // A stray byte that is not UTF-8 in a UTF-8 file is almost always Windows-1252.
  if (dialect_.encoding == Encoding::windows1252 || !is_utf8(field)) field = windows1252_to_utf8(field);
  r.fields.push_back(std::move(field));
  field.clear();
}

void CsvReader::skip_rest_of_line() {
  for (int c = peek(); c != -1; c = peek()) {
    ++pos_;
    ++consumed_;
    if (c == '\n') break;
    if (c == '\r') {
      if (peek() == '\n') {
        ++pos_;
        ++consumed_;
      }
      break;
    }
  }
  ++line_;
}

bool CsvReader::next(CsvRecord& r) {
  const char delim = dialect_.delimiter;
  for (;;) {
    r.fields.clear();
    r.error.clear();
    if (peek() == -1) return false;
    // Skip blank lines.
    const int first = peek();
    if (first == '\n' || first == '\r') {
      skip_rest_of_line();
      continue;
    }
    r.line = line_;
    enum class State { field_start, unquoted, quoted, quote_in_quoted } state = State::field_start;
    std::string field;
    std::string raw;              // bytes of the record, to re-read after an unclosed quote
    bool newline_in_quotes = false;
    std::size_t record_bytes = 0;
    const std::uint64_t start_line = line_;
    for (;;) {
      const int c = peek();
      if (c == -1) {
        if (state == State::quoted) {
          if (newline_in_quotes) {
            // An unclosed quote swallowed the following lines: report this line and read the
            // rest again as ordinary records.
            const auto nl = raw.find_first_of("\r\n");
            std::size_t resume = nl + 1;
            if (raw[nl] == '\r' && nl + 1 < raw.size() && raw[nl + 1] == '\n') ++resume;
            buf_.insert(pos_, raw.substr(resume));
            consumed_ -= raw.size() - resume;
            line_ = start_line + 1;
          }
          r.error = "aspas sem fechamento";
          finish_field(r, field);
          return true;
        }
        finish_field(r, field);
        return true;
      }
      const char ch = static_cast<char>(c);
      ++pos_;
      ++consumed_;
      ++record_bytes;
      raw += ch;
      if (record_bytes > limits_.max_record_bytes || r.fields.size() >= limits_.max_fields) {
        r.fields.clear();
        if (state == State::quoted && newline_in_quotes) {
          const auto nl = raw.find_first_of("\r\n");
          std::size_t resume = nl + 1;
          if (raw[nl] == '\r' && nl + 1 < raw.size() && raw[nl + 1] == '\n') ++resume;
          buf_.insert(pos_, raw.substr(resume));
          consumed_ -= raw.size() - resume;
          line_ = start_line + 1;
          r.error = "aspas sem fechamento";
        } else {
          if (ch != '\n' && ch != '\r') skip_rest_of_line();
          else ++line_;
          r.error = record_bytes > limits_.max_record_bytes
                        ? "linha longa demais (mais de " + std::to_string(limits_.max_record_bytes / 1024) + " KB)"
                        : "colunas demais (mais de " + std::to_string(limits_.max_fields) + ")";
        }
        return true;
      }
      const bool newline = ch == '\n' || ch == '\r';
      if (newline && ch == '\r' && peek() == '\n') {  // CRLF is one line break
        ++pos_;
        ++consumed_;
        raw += '\n';
      }
      switch (state) {
        case State::field_start:
          if (ch == '"') {
            state = State::quoted;
            break;
          }
          [[fallthrough]];
        case State::unquoted:
          if (ch == delim) {
            finish_field(r, field);
            state = State::field_start;
          } else if (newline) {
            ++line_;
            finish_field(r, field);
            return true;
          } else {
            field += ch;
            state = State::unquoted;
          }
          break;
        case State::quoted:
          if (ch == '"') {
            state = State::quote_in_quoted;
          } else {
            if (newline) {
              ++line_;
              newline_in_quotes = true;
              field += '\n';
            } else {
              field += ch;
            }
          }
          break;
        case State::quote_in_quoted:
          if (ch == '"') {
            field += '"';
            state = State::quoted;
          } else if (ch == delim) {
            finish_field(r, field);
            state = State::field_start;
          } else if (newline) {
            ++line_;
            finish_field(r, field);
            return true;
          } else {
            field += ch;  // text after a closing quote: kept, as Excel does
            state = State::unquoted;
          }
          break;
      }
    }
  }
}

CsvWriter::CsvWriter(std::ostream& out, char delimiter, bool bom) : out_(out), delimiter_(delimiter) {
  if (bom) out_ << "\xEF\xBB\xBF";
}

void CsvWriter::write(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out_ << delimiter_;
    const auto& f = fields[i];
    const bool quote = f.find_first_of(std::string("\"\r\n") + delimiter_) != std::string::npos ||
                       (!f.empty() && (f.front() == ' ' || f.back() == ' '));
    if (!quote) {
      out_ << f;
      continue;
    }
    out_ << '"';
    for (char c : f) {
      if (c == '"') out_ << '"';
      out_ << c;
    }
    out_ << '"';
  }
  out_ << "\r\n";
}

}  // namespace torpedo::contacts
