// The province tally, counted again here from the records themselves so that the expected figures owe nothing to
// the app: one state per assessment, one enterprise per 10-digit tax code (its latest completed assessment).
// The official check digit, re-implemented here so the expected figures owe nothing to the app.
export function validTax(code) {
  const m = /^(\d{10})(-(\d{3}))?$/.exec(code || '');
  if (!m || m[3] === '000') return false;
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const r = w.reduce((s, x, i) => s + x * Number(m[1][i]), 0) % 11;
  return r !== 0 && (10 - r) % 10 === Number(m[1][9]);
}

export function expected(records) {
  const when = (r) => r.completed_at || r.exported_at;
  // One state per assessment id: a completed copy beats a draft, a later completed copy an earlier one.
  const byId = new Map();
  let repeated = 0;
  for (const r of records) {
    const prev = byId.get(r.assessment_id);
    if (!prev) { byId.set(r.assessment_id, r); continue; }
    repeated += 1;
    if (r.status === 'completed' && (prev.status !== 'completed' || when(r) > when(prev))) byId.set(r.assessment_id, r);
  }
  const unique = [...byId.values()];
  const completed = unique.filter((r) => r.status === 'completed');
  const byTax = new Map();
  const untaxed = [];
  for (const r of completed) {
    if (validTax(r.profile.tax_code)) {
      const k = r.profile.tax_code.slice(0, 10);
      if (!byTax.has(k)) byTax.set(k, []);
      byTax.get(k).push(r);
    } else untaxed.push(r);
  }
  const latest = [...byTax.values()].map((list) => list.sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : a.assessment_id < b.assessment_id ? -1 : 1)).at(-1));
  const levels = [0, 0, 0, 0, 0, 0];
  for (const r of [...latest, ...untaxed]) levels[r.scores.overall.level] += 1;
  return {
    members: [...latest, ...untaxed],
    records: records.length,
    repeated,
    drafts: unique.length - completed.length,
    counted: byTax.size,
    merged: completed.length - untaxed.length - byTax.size,
    untaxed: untaxed.length,
    levels,
  };
}
