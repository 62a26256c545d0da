-- Issue 16: notification-service's DeliveryStatusChanged carries the delivery's step (0: the escalation's first email;
-- 1, 2, ...: a reminder of the URGENT escalation chain, sent because nobody acknowledged it). The work list shows the
-- highest reminder that went out. Rows reported before this version were first emails.
ALTER TABLE escalation_delivery ADD COLUMN step int NOT NULL DEFAULT 0 CHECK (step >= 0);
