/**
 * The retention rule, written once for every engine: the runs that may go, oldest first.
 * Kept whatever their age: a contract's latest run (its status), its latest verified run
 * (its "last verified"), and runs that an alert still being delivered, or the alert that
 * opened the current incident, refers to — an e-mail must never point at a run that is gone.
 * Probe results and findings go with their run (ON DELETE CASCADE); receipts are another table
 * and are never pruned, so the signed trail outlives the rows it summarises.
 * @note `$1` is the cut-off time, `$2` the batch size; each appears once, so SQLite can bind
 * them positionally after `$n` becomes `?`.
 */
export const PRUNE_RUNS_SQL = `DELETE FROM runs WHERE id IN (
  SELECT r.id FROM runs r
  WHERE r.finished_at < $1
    AND r.finished_at < (SELECT max(l.finished_at) FROM runs l WHERE l.contract = r.contract)
    AND NOT (r.status = 'verified' AND r.finished_at = (
      SELECT max(v.finished_at) FROM runs v WHERE v.contract = r.contract AND v.status = 'verified'))
    AND NOT EXISTS (
      SELECT 1 FROM alerts a JOIN alert_deliveries d ON d.alert_id = a.id
      WHERE a.run_id = r.id AND d.delivered_at IS NULL AND d.given_up_at IS NULL)
    AND NOT EXISTS (
      SELECT 1 FROM alert_state s JOIN alerts a ON a.id = s.opened_by WHERE a.run_id = r.id)
  ORDER BY r.finished_at
  LIMIT $2
)`
