// The identity service's SQL, as named constants with $n parameters.
#pragma once

namespace helpdesk::identity::sql {

inline constexpr char kFindAccount[] = R"SQL(
SELECT a.id::text, a.username, a.display_name, a.role, coalesce(a.company_id::text, ''),
       a.password_hash, a.password_expired, a.active AND coalesce(c.active, true)
FROM accounts a LEFT JOIN companies c ON c.id = a.company_id
WHERE lower(a.username) = lower($1))SQL";

inline constexpr char kUpsertStaff[] = R"SQL(
INSERT INTO accounts (id, username, display_name, role, email, password_hash)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (lower(username)) DO UPDATE
SET password_hash = EXCLUDED.password_hash, password_expired = false, active = true,
    password_version = accounts.password_version + 1)SQL";

inline constexpr char kCompanyByVat[] = "SELECT id::text FROM companies WHERE vat_number = $1";

inline constexpr char kInsertCompany[] = R"SQL(
INSERT INTO companies (id, name, vat_number) VALUES ($1, $2, $3)
RETURNING name, vat_number, active, calendar, hourly_rate_cents, urgent_call_fee_cents,
          notification_email, language)SQL";

inline constexpr char kInsertCompanyAccount[] = R"SQL(
INSERT INTO accounts (id, username, display_name, role, company_id, password_hash, password_expired)
VALUES ($1, $2, $3, 'CUSTOMER', $4, $5, true))SQL";

}  // namespace helpdesk::identity::sql
