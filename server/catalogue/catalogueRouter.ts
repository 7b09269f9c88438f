/**
 * The catalogue dashboard (issue 17; mounted at /api for signed-in callers):
 * - `GET /catalogue/summary` → `{today, total, units: [{unitId, name, total, byStatus,
 *   reviewOverdue, reviewSoon}]}`: counts of the active SOPs the caller may read, per unit
 *   (unitId null: no unit) and status, with approved SOPs past or near their review date.
 */
import express from 'express';
import type { Accounts } from '../accounts/index.js';
import { requirePrincipal } from '../http/auth.js';
import type { SopIndex } from '../storage/sopIndex.js';
import { createCatalogue } from './catalogueService.js';

export function createCatalogueRouter(deps: {
  accounts: Accounts;
  index: Pick<SopIndex, 'queryCatalogue' | 'catalogueFacts'>;
}): express.Router {
  const catalogue = createCatalogue(deps);
  const router = express.Router();
  router.get('/catalogue/summary', async (req, res) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = await catalogue.summary(requirePrincipal(req));
    const d = process.cpuUsage(cpu);
    res.setHeader(
      'Server-Timing',
      `total;dur=${(performance.now() - started).toFixed(2)}, cpu;dur=${((d.user + d.system) / 1000).toFixed(2)}`,
    );
    res.json(summary);
  });
  return router;
}
