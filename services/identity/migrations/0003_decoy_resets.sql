-- ForgotPassword for an unknown username writes a decoy reset row (no
-- account, already used), so that its cost matches a real request's and the
-- answer's timing does not tell whether the account exists.
ALTER TABLE password_resets ALTER COLUMN account_id DROP NOT NULL;
