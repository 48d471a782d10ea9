-- Each reader sees times in their own zone (an IANA id such as 'Asia/Ho_Chi_Minh'); NULL follows the desk's
-- Triage:TimeZone, so nothing changes for anyone who never picks one.
ALTER TABLE users ADD COLUMN time_zone TEXT;
