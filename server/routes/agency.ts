/**
 * The agency profile (mounted at /api; issue 14). Members read it, administrators change it:
 * - `GET /agency` → `{ name, lines, approverTitle, numbering: { pattern, prefix, unitCodes },
 *   logo: { url, mime, bytes, updatedAt } | null, maxLogoBytes }`
 * - `PATCH /agency` `{ name?, lines?, approverTitle?, numbering? }` (admin) → the same
 * - `PUT /agency/logo` (admin; the body is the PNG or SVG file itself, `Content-Type:
 *   image/png` or `image/svg+xml`) → 200 `{ logo }`; 413 `logo_too_large` (refused from
 *   `Content-Length`, or cut off while reading), 415 `unsupported_image`, 422
 *   `invalid_image` / `unsafe_svg` (see `agency/svgSanitize.ts`)
 * - `DELETE /agency/logo` (admin) → 200 `{ logo: null }`
 * - `GET /agency/logo` (any signed-in caller) → the image; SVG with a CSP that forbids
 *   everything but inline styles, and `nosniff`
 */
import express from 'express';
import * as v from 'valibot';
import type { Accounts } from '../accounts/index.js';
import { type AgencyService, logoUrl } from '../agency/agencyService.js';
import { checkLogo, readLogoBody } from '../agency/logo.js';
import { ProfilePatch } from '../agency/profile.js';
import type { StoredLogo } from '../agency/types.js';
import { requestContext, requireAccount, requireAdmin, requirePrincipal } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { parseOr } from '../http/validate.js';

const AgencyBody = v.object({
  name: v.optional(
    v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(300)),
  ),
  ...ProfilePatch.entries,
});

/** The CSP an SVG logo is served with: nothing may run or load, inline styles may apply. */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

function logoView(logo: StoredLogo | null) {
  return logo
    ? {
        url: logoUrl(logo),
        mime: logo.mime,
        bytes: logo.data.byteLength,
        updatedAt: logo.updatedAt,
      }
    : null;
}

export function createAgencyRouter(deps: {
  accounts: Accounts;
  agency: AgencyService;
  maxLogoBytes: number;
}): express.Router {
  const { accounts, agency, maxLogoBytes } = deps;
  const router = express.Router();

  async function view() {
    const [name, profile, logo] = await Promise.all([
      agency.agencyName(),
      agency.profile(),
      agency.logo(),
    ]);
    return { name, ...profile, logo: logoView(logo), maxLogoBytes };
  }

  router.get('/agency', async (req, res) => {
    requireAccount(req);
    res.json(await view());
  });

  router.patch('/agency', async (req, res) => {
    const p = requireAdmin(req);
    const { name, ...patch } = parseOr(AgencyBody, req.body);
    if (name !== undefined) await accounts.store.setAgencyName(name);
    if (Object.keys(patch).length > 0) await agency.updateProfile(patch);
    const fields = [...(name !== undefined ? ['name'] : []), ...Object.keys(patch)];
    await accounts.audit(p, requestContext(req), 'agency.updated', {
      detail: { ...(name !== undefined ? { name } : {}), fields, ...patch },
    });
    res.json(await view());
  });

  router.put('/agency/logo', async (req, res) => {
    const p = requireAdmin(req);
    const body = await readLogoBody(req, maxLogoBytes);
    const checked = checkLogo(body, String(req.headers['content-type'] ?? ''));
    const logo: StoredLogo = {
      mime: checked.mime,
      data: checked.data,
      updatedAt: new Date().toISOString(),
    };
    await agency.setLogo(logo);
    await accounts.audit(p, requestContext(req), 'agency.logo.set', {
      detail: {
        mime: checked.mime,
        bytes: checked.data.byteLength,
        ...(checked.stripped.length ? { stripped: checked.stripped.slice(0, 20) } : {}),
      },
    });
    res.json({ logo: logoView(logo), stripped: checked.stripped });
  });

  router.delete('/agency/logo', async (req, res) => {
    const p = requireAdmin(req);
    await agency.deleteLogo();
    await accounts.audit(p, requestContext(req), 'agency.logo.removed');
    res.json({ logo: null });
  });

  router.get('/agency/logo', async (req, res) => {
    requirePrincipal(req);
    const logo = await agency.logo();
    if (!logo) throw new HttpError(404, 'not_found', 'No logo is set');
    res.setHeader('Content-Type', logo.mime);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', SVG_CSP);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader(
      'Content-Disposition',
      `inline; filename="logo.${logo.mime === 'image/png' ? 'png' : 'svg'}"`,
    );
    res.send(Buffer.from(logo.data.buffer, logo.data.byteOffset, logo.data.byteLength));
  });

  return router;
}
