#include "services/sla/calendar_registry.h"

#include "absl/strings/str_cat.h"
#include "libs/status/status_macros.h"

namespace helpdesk::sla {

absl::StatusOr<std::shared_ptr<const CalendarEntry>> CalendarRegistry::Build(
    StoredCalendar stored) {
  absl::StatusOr<calendar::Calendar> built = calendar::Calendar::Create(stored.definition.spec);
  if (!built.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("calendar \"", stored.definition.name, "\": ", built.status().message()));
  }
  return std::make_shared<const CalendarEntry>(
      CalendarEntry{std::move(stored.definition), *std::move(built), stored.revision});
}

absl::Status CalendarRegistry::Replace(std::vector<StoredCalendar> calendars) {
  std::map<std::string, std::shared_ptr<const CalendarEntry>> entries;
  for (StoredCalendar& stored : calendars) {
    const std::string name = stored.definition.name;
    HELPDESK_ASSIGN_OR_RETURN(entries[name], Build(std::move(stored)));
  }
  absl::MutexLock lock(&mu_);
  entries_ = std::move(entries);
  return absl::OkStatus();
}

absl::Status CalendarRegistry::Load(SlaStore& store) {
  HELPDESK_ASSIGN_OR_RETURN(std::vector<StoredCalendar> calendars, store.LoadCalendars());
  return Replace(std::move(calendars));
}

absl::Status CalendarRegistry::Refresh(SlaStore& store) {
  HELPDESK_ASSIGN_OR_RETURN(auto revisions, store.CalendarRevisions());
  bool changed = false;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [name, revision] : revisions) {
      auto it = entries_.find(name);
      if (it == entries_.end() || it->second->revision != revision) changed = true;
    }
  }
  if (!changed) return absl::OkStatus();
  // Building takes milliseconds per calendar: done outside the lock, and
  // only for what changed.
  HELPDESK_ASSIGN_OR_RETURN(std::vector<StoredCalendar> calendars, store.LoadCalendars());
  absl::Status first_error = absl::OkStatus();
  for (StoredCalendar& stored : calendars) {
    const std::string name = stored.definition.name;
    {
      absl::MutexLock lock(&mu_);
      auto it = entries_.find(name);
      if (it != entries_.end() && it->second->revision >= stored.revision) continue;
    }
    absl::StatusOr<std::shared_ptr<const CalendarEntry>> entry = Build(std::move(stored));
    if (!entry.ok()) {
      if (first_error.ok()) first_error = entry.status();
      continue;
    }
    absl::MutexLock lock(&mu_);
    entries_[name] = *std::move(entry);
  }
  return first_error;
}

void CalendarRegistry::Put(StoredCalendar stored, calendar::Calendar built) {
  const std::string name = stored.definition.name;
  auto entry = std::make_shared<const CalendarEntry>(
      CalendarEntry{std::move(stored.definition), std::move(built), stored.revision});
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(name);
  // A concurrent Refresh may have installed a newer revision already.
  if (it != entries_.end() && it->second->revision > entry->revision) return;
  entries_[name] = std::move(entry);
}

absl::StatusOr<std::shared_ptr<const CalendarEntry>> CalendarRegistry::Find(
    const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(name);
  if (it == entries_.end()) {
    return absl::NotFoundError(absl::StrCat("unknown calendar \"", name, "\""));
  }
  return it->second;
}

std::shared_ptr<const CalendarEntry> CalendarRegistry::FindOrDefault(
    const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(name);
  if (it == entries_.end()) it = entries_.find(sla_policy::kDefaultCalendarName);
  return it == entries_.end() ? nullptr : it->second;
}

}  // namespace helpdesk::sla
