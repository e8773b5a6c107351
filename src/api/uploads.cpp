#include "api/uploads.h"

#include <fstream>

#include "api/error.h"
#include "http/multipart.h"

namespace torpedo::api {

Upload read_upload(Ctx& ctx, const std::string& destination, const std::vector<std::string>& fields) {
  auto boundary = http::multipart_boundary(ctx.req.header("content-type").value_or(""));
  if (!boundary)
    throw ApiError(415, "unsupported_media_type", "Envie o arquivo como multipart/form-data, no campo \"file\".");
  Upload up;
  try {
    std::string source = ctx.req.body_file;
    std::string temp;
    if (source.empty()) {
      // A small body kept in memory: write it out so that one code path reads both.
      temp = destination + ".body";
      std::ofstream(temp, std::ios::binary) << ctx.req.body;
      source = temp;
    }
    struct Remove {
      std::string path;
      ~Remove() {
        if (!path.empty()) std::remove(path.c_str());
      }
    } remove_temp{temp};
    const auto parts = http::scan_multipart_file(source, *boundary);
    const http::MultipartPart* file = nullptr;
    for (const auto& p : parts) {
      if (p.name == "file" && !file) file = &p;
      for (const auto& name : fields)
        if (p.name == name) up.fields[name] = http::read_part_file(source, p, 16 * 1024);
    }
    if (!file) throw validation("file", "Envie o arquivo no campo \"file\".");
    if (file->length == 0) throw validation("file", "O arquivo está vazio: escolha o arquivo de novo.");
    up.file_name = file->filename.substr(0, 200);
    http::copy_part_file(source, *file, destination);
    up.file = destination;
  } catch (const http::MultipartError& e) {
    throw bad_request(std::string("Envio inválido: ") + e.what() + ".");
  }
  return up;
}

}  // namespace torpedo::api
