// /audio: the audio library. An upload is decoded, checked and transcoded before the answer,
// so a file Asterisk could not play is refused with its reason and nothing of it is kept.
#include <filesystem>
#include <fstream>

#include "api/api.h"
#include "api/error.h"
#include "api/uploads.h"
#include "audio/transcode.h"
#include "blob/store.h"
#include "common/crypto.h"
#include "common/strings.h"
#include "common/time_format.h"
#include "media/delivery.h"
#include "storage/audio.h"

namespace torpedo::api {
namespace {

namespace fs = std::filesystem;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// 32 random bytes as hex: the URL stays unguessable, and long enough for Asterisk's media
// cache, which cuts the cached path to the URL's length (../asterisk-lab notes: a 63-character
// URL plays, a 32-character one does not).
std::string new_media_token() { return crypto::random_hex(32); }

json delivery_json(const std::vector<media::NodeDelivery>& nodes) {
  json out = json::array();
  for (const auto& d : nodes)
    out.push_back(json{{"nodeId", d.node_id},
                       {"nodeName", d.node_name},
                       {"mode", d.mode},
                       {"state", media::to_string(d.state)},
                       {"location", d.location},
                       {"playback", d.playback.empty() ? json(nullptr) : json(d.playback)},
                       {"error", d.error.empty() ? json(nullptr) : json(d.error)},
                       {"updatedAt", d.updated_at ? json(format_iso8601(d.updated_at)) : json(nullptr)}});
  return out;
}

json audio_json(const storage::AudioFile& a, const Services& s, const std::vector<media::NodeDelivery>& delivery) {
  json peaks = json::parse(a.peaks, nullptr, false);
  if (!peaks.is_array()) peaks = json::array();
  return json{{"id", a.id},
              {"name", a.name},
              {"kind", a.kind},
              {"description", a.description ? json(*a.description) : json(nullptr)},
              {"format", a.original_format},
              {"durationMs", a.duration_ms},
              {"sampleRate", a.sample_rate},
              {"channels", a.channels},
              {"sizeBytes", a.size_bytes},
              {"sha256", a.sha256},
              {"peaks", peaks},
              {"mediaUrl", a.media_token.empty() ? json(nullptr) : json(media::media_url(s.config.public_url, a))},
              {"delivery", delivery_json(delivery)},
              {"createdAt", format_iso8601(a.created_at)},
              {"updatedAt", format_iso8601(a.updated_at)}};
}

json audio_json(const storage::AudioFile& a, Services& s) {
  return audio_json(a, s, s.delivery ? s.delivery->status(a) : std::vector<media::NodeDelivery>{});
}

// A name shown to people and, later, part of what Asterisk plays: plain text, no paths.
std::string checked_name(const std::string& raw) {
  std::string name = trim(raw);
  if (name.empty()) throw validation("name", "Informe o nome do áudio.");
  std::size_t characters = 0;
  for (unsigned char c : name) characters += (c & 0xC0) != 0x80;  // UTF-8 lead bytes
  if (characters > 120) throw validation("name", "Nome longo demais (máximo 120 caracteres).");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F) throw validation("name", "O nome não pode ter caracteres de controle.");
    if (c == '/' || c == '\\')
      throw validation("name", "O nome não pode ter barras (/ ou \\): use só letras, números e espaços.");
  }
  if (name == "." || name == "..") throw validation("name", "Escolha outro nome para o áudio.");
  return name;
}

std::string name_from_file(const std::string& file_name) {
  std::string base = file_name;
  if (auto slash = base.find_last_of("/\\"); slash != std::string::npos) base = base.substr(slash + 1);
  if (auto dot = base.rfind('.'); dot != std::string::npos && dot > 0) base.resize(dot);
  return base;
}

storage::AudioFile load(Ctx& ctx, std::int64_t id) {
  auto a = ctx.services.db.read([&](storage::Connection& c) { return storage::find_audio(c, id); });
  if (!a) throw not_found("Áudio não encontrado.");
  return *a;
}

}  // namespace

void register_audio_routes(Routes& routes) {
  routes.add("GET", "/api/v1/audio", Access::user, [](Ctx& ctx) {
    std::optional<std::string> kind = ctx.req.query_param("kind");
    if (kind && *kind != "campaign" && *kind != "moh") throw validation("kind", "kind deve ser campaign ou moh.");
    const std::string q = ctx.req.query_param("q").value_or("");
    if (q.size() > 200) throw validation("q", "Busca longa demais.");
    const int limit = page_limit(ctx.req, 50, 200);
    auto before = cursor_param(ctx.req);
    auto found = ctx.services.db.read(
        [&](storage::Connection& c) { return storage::list_audio(c, kind, ascii_lower(trim(q)), before, limit + 1); });
    const bool more = static_cast<int>(found.size()) > limit;
    if (more) found.resize(static_cast<std::size_t>(limit));
    json items = json::array();
    auto& s = ctx.services;
    auto delivery = s.delivery ? s.delivery->status(found) : std::vector<std::vector<media::NodeDelivery>>(found.size());
    for (std::size_t i = 0; i < found.size(); ++i) items.push_back(audio_json(found[i], s, delivery[i]));
    return http::Response::json(
        200, dump(json{{"items", items}, {"nextCursor", more ? json(std::to_string(found.back().id)) : json(nullptr)}}));
  });

  routes.add("POST", "/api/v1/audio", Access::user, [](Ctx& ctx) {
    auto& s = ctx.services;
    if (!s.media) throw ApiError(503, "internal", "O armazenamento de áudio está indisponível.");
    const fs::path work = s.config.data_dir / "uploads" / ("audio-" + crypto::random_token(12));
    fs::create_directories(work);
    struct Cleanup {
      fs::path dir;
      ~Cleanup() {
        std::error_code ec;
        fs::remove_all(dir, ec);
      }
    } cleanup{work};
    Upload up = read_upload(ctx, (work / "original").string(), {"name", "kind", "description"});
    const std::string kind = trim(up.field("kind").value_or("campaign"));
    if (kind != "campaign" && kind != "moh")
      throw validation("kind", "Tipo inválido: use campaign (mensagem de campanha) ou moh (música de espera).");
    const std::string name = checked_name(up.field("name").value_or(name_from_file(up.file_name)));
    std::optional<std::string> description;
    if (auto d = up.field("description"); d && !is_blank(*d)) {
      if (d->size() > 1000) throw validation("description", "Descrição longa demais (máximo 1000 caracteres).");
      description = trim(*d);
    }
    if (s.db.read([&](storage::Connection& c) { return storage::find_audio_by_name(c, kind, name).has_value(); }))
      throw conflict("Já existe um áudio com este nome.", "name");

    audio::Limits limits;
    limits.max_seconds = kind == "moh" ? 3600 : 600;
    audio::Transcoded t;
    const std::string wav8 = (work / "8k.wav").string(), wav16 = (work / "16k.wav16").string();
    try {
      t = audio::transcode(up.file, up.file_name, limits, wav8, wav16);
    } catch (const audio::AudioError& e) {
      throw validation("file", std::string("Não foi possível usar este áudio: ") + e.what() + ".");
    }

    storage::AudioFile a;
    a.name = name;
    a.kind = kind;
    a.description = description;
    a.original_format = t.source.format;
    a.duration_ms = t.duration_ms;
    a.sample_rate = t.source.sample_rate;
    a.channels = t.source.channels;
    a.size_bytes = static_cast<std::int64_t>(fs::file_size(up.file));
    a.sha256 = crypto::sha256_file_hex(up.file);
    json peaks = json::array();
    for (float p : t.peaks) peaks.push_back(std::round(p * 1000) / 1000);
    a.peaks = peaks.dump();
    a.created_by = ctx.who().user_id();
    a.media_token = new_media_token();
    a.created_at = a.updated_at = s.clock.now_ms();
    // The row and the files together: if storing the files fails, the row is rolled back and
    // whatever was stored is removed.
    std::vector<std::string> stored;
    try {
      s.db.write([&](storage::Connection& c) {
        storage::insert_audio(c, a);
        const std::string prefix = "audio/" + std::to_string(a.id) + "/";
        a.original_key = prefix + "original." + t.source.extension;
        a.media_key = prefix;
        s.media->put_file(a.original_key, up.file);
        stored.push_back(a.original_key);
        s.media->put_file(prefix + "8k.wav", wav8);
        stored.push_back(prefix + "8k.wav");
        s.media->put_file(prefix + "16k.wav16", wav16);
        stored.push_back(prefix + "16k.wav16");
        storage::set_audio_keys(c, a.id, a.original_key, a.media_key);
        ctx.audit(c, "audio.create", "audio", std::to_string(a.id),
                  json{{"name", a.name}, {"kind", a.kind}, {"format", a.original_format}, {"durationMs", a.duration_ms}});
        return 0;
      });
    } catch (...) {
      for (const auto& key : stored) s.media->remove(key);
      throw;
    }
    if (s.delivery) s.delivery->audio_added(a.id);
    notify_change(s, "audio", "created", std::to_string(a.id));
    auto res = http::Response::json(201, dump(audio_json(load(ctx, a.id), s)));
    res.set_header("Location", "/api/v1/audio/" + std::to_string(a.id));
    return res;
  });

  routes.add("GET", "/api/v1/audio/{id}", Access::user,
             [](Ctx& ctx) { return http::Response::json(200, dump(audio_json(load(ctx, ctx.id_param()), ctx.services))); });

  routes.add("PATCH", "/api/v1/audio/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    json body = ctx.body();
    Fields f(body);
    auto name = f.string("name", false, 1000);
    auto& s = ctx.services;
    auto updated = s.db.write([&](storage::Connection& c) {
      auto a = storage::find_audio(c, id);
      if (!a) throw not_found("Áudio não encontrado.");
      std::string new_name = name ? checked_name(*name) : a->name;
      std::optional<std::string> description = a->description;
      if (body.contains("description")) {
        if (body["description"].is_null()) description.reset();
        else if (auto d = f.string("description", false, 1000)) description = is_blank(*d) ? std::nullopt : std::optional(trim(*d));
      }
      f.reject_unknown_except({"description"});
      if (auto other = storage::find_audio_by_name(c, a->kind, new_name); other && other->id != id)
        throw conflict("Já existe um áudio com este nome.", "name");
      storage::update_audio(c, id, new_name, description, s.clock.now_ms());
      ctx.audit(c, "audio.update", "audio", std::to_string(id), json{{"name", new_name}});
      return *storage::find_audio(c, id);
    });
    notify_change(s, "audio", "updated", std::to_string(id));
    return http::Response::json(200, dump(audio_json(updated, s)));
  });

  routes.add("DELETE", "/api/v1/audio/{id}", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    auto removed = s.db.write([&](storage::Connection& c) {
      auto a = storage::find_audio(c, id);
      if (!a) throw not_found("Áudio não encontrado.");
      auto users = storage::audio_users(c, id);
      if (!users.empty()) {
        std::string list;
        for (const auto& u : users) list += (list.empty() ? "" : ", ") + u;
        throw conflict("Este áudio é usado por " + list + ": troque o áudio lá antes de excluí-lo.");
      }
      storage::delete_audio(c, id);
      ctx.audit(c, "audio.delete", "audio", std::to_string(id), json{{"name", a->name}});
      return *a;
    });
    // The row is gone; the files go after it (a file without a row is harmless, not the reverse).
    if (s.media) {
      s.media->remove(removed.original_key);
      s.media->remove(removed.media_key + "8k.wav");
      s.media->remove(removed.media_key + "16k.wav16");
    }
    if (s.delivery) s.delivery->audio_removed(id);  // and from the nodes' sounds directories
    notify_change(s, "audio", "deleted", std::to_string(id));
    return http::Response::no_content();
  });

  routes.add("POST", "/api/v1/audio/{id}/revoke-url", Access::user, [](Ctx& ctx) {
    const auto id = ctx.id_param();
    auto& s = ctx.services;
    auto updated = s.db.write([&](storage::Connection& c) {
      if (!storage::find_audio(c, id)) throw not_found("Áudio não encontrado.");
      storage::set_media_token(c, id, new_media_token(), s.clock.now_ms());
      ctx.audit(c, "audio.revoke-url", "audio", std::to_string(id));
      return *storage::find_audio(c, id);
    });
    notify_change(s, "audio", "updated", std::to_string(id));
    return http::Response::json(200, dump(audio_json(updated, s)));
  });

  // Tries again now to deliver the audio to every node (after fixing a directory's permissions,
  // say), and answers with the outcome, or with where things stand after a few seconds.
  routes.add("POST", "/api/v1/audio/{id}/deliver", Access::user, [](Ctx& ctx) {
    auto a = load(ctx, ctx.id_param());
    auto& s = ctx.services;
    if (!s.delivery) throw ApiError(503, "internal", "A entrega de áudio aos servidores não está ativa.");
    s.delivery->audio_added(a.id);
    s.delivery->wait_idle(std::chrono::seconds(10));
    return http::Response::json(200, dump(audio_json(a, s)));
  });

  // Public (SPEC §8): what Asterisk fetches for Playback(http://…). The token in the path is the
  // only credential; revoke-url replaces it. Caching headers spare a GET on every play.
  routes.add("GET", "/media/{token}/{file}", Access::anyone, [](Ctx& ctx) {
    const std::string token(ctx.params.get("token"));
    const std::string file(ctx.params.get("file"));
    if (token.size() != 64 || token.find_first_not_of("0123456789abcdef") != std::string::npos)
      throw not_found("Mídia não encontrada.");
    auto a = ctx.services.db.read([&](storage::Connection& c) { return storage::find_audio_by_token(c, token); });
    if (!a || file != std::to_string(a->id) + ".wav" || !ctx.services.media) throw not_found("Mídia não encontrada.");
    auto path = ctx.services.media->local_file(a->media_key + "8k.wav");
    if (!path) throw not_found("Mídia não encontrada.");
    auto res = http::Response::file_download(path->string(), "audio/wav", std::to_string(a->id) + ".wav", false);
    res.set_header("Content-Disposition", "inline");
    res.set_header("Cache-Control", "public, max-age=86400");
    res.set_header("ETag", "\"" + a->sha256 + "\"");
    return res;
  });

  routes.add("GET", "/api/v1/audio/{id}/file", Access::user, [](Ctx& ctx) {
    const auto a = load(ctx, ctx.id_param());
    const std::string variant = ctx.req.query_param("variant").value_or("wav16");
    std::string key, type = "audio/wav", ext = "wav";
    if (variant == "wav16") key = a.media_key + "16k.wav16";
    else if (variant == "wav8") key = a.media_key + "8k.wav";
    else if (variant == "original") {
      key = a.original_key;
      ext = key.substr(key.rfind('.') + 1);
      type = ext == "mp3" ? "audio/mpeg" : ext == "ogg" ? "audio/ogg" : ext == "flac" ? "audio/flac"
                                                                                 : ext == "wav" ? "audio/wav"
                                                                                                : "application/octet-stream";
    } else {
      throw validation("variant", "variant deve ser wav16, wav8 ou original.");
    }
    auto file = ctx.services.media ? ctx.services.media->local_file(key) : std::nullopt;
    if (!file) throw not_found("O arquivo deste áudio não está no armazenamento.");
    // The download name is ours (the id), never the user's text.
    auto res = http::Response::file_download(file->string(), type, "audio-" + std::to_string(a.id) + "." + ext, false);
    res.set_header("Content-Disposition", "inline; filename=\"audio-" + std::to_string(a.id) + "." + ext + "\"");
    res.set_header("Cache-Control", "private, max-age=3600");
    return res;
  });
}

}  // namespace torpedo::api
