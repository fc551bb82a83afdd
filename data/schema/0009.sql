-- 0009: 代表活动记录簿 — what an activity record needs beyond 0001: its time of day and the number
-- of opinions and suggestions it produced (形成意见建议数). The plan entry it was held as is
-- activity_plans.activity_id (0007), found through the index below.
ALTER TABLE activities ADD COLUMN time TEXT;
ALTER TABLE activities ADD COLUMN suggestions INTEGER NOT NULL DEFAULT 0 CHECK (suggestions >= 0);
CREATE INDEX activity_plans_activity ON activity_plans (activity_id) WHERE activity_id IS NOT NULL;
