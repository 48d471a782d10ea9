-- The Debunking Handbook's closing part: the fact again, which a responder may restate rather than repeat
-- word for word. Null means the fact is repeated as written.
ALTER TABLE counter_messages ADD COLUMN fact_again TEXT;
