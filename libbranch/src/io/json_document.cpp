#include "json_document.hpp"

namespace libbranch::detail {

std::string document_error_text(const std::string& file, const std::string& where, const std::string& value,
                                const std::string& message) {
  std::string text = file;
  text += ": ";
  text += where.empty() ? std::string("-") : where;
  text += ": ";
  text += message;
  if (!value.empty()) {
    text += " '";
    text += value;
    text += "'";
  }
  return text;
}

}  // namespace libbranch::detail
