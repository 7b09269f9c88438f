/**
 * Issue 14, pure logic: the SVG logo sanitiser (refuses active content and external
 * references, strips inert editor data), PNG recognition, SOP number patterns, the
 * canonical JSON behind the approved content's SHA-256, and verification codes.
 */
import { describe, expect, it } from 'vitest';
import { isPng } from '../../server/agency/logo.js';
import { sanitizeSvg } from '../../server/agency/svgSanitize.js';
import {
  CODE_ALPHABET,
  canonicalJson,
  formatCode,
  newCode,
  normalizeCode,
} from '../../server/agency/verification.js';
import { patternProblem, renderNumber, unitCodeFrom } from '../../shared/agency/numberPattern.js';

const NS = 'xmlns="http://www.w3.org/2000/svg"';

describe('SVG sanitiser', () => {
  it('keeps drawing elements and safe attributes, rewritten with escaped text', () => {
    const r = sanitizeSvg(
      `<svg ${NS} viewBox="0 0 10 10"><g fill="red"><path d="M0 0L10 10"/><text>a &lt; b</text></g></svg>`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.svg).toContain('<path d="M0 0L10 10"></path>');
    expect(r.svg).toContain('<text>a &lt; b</text>');
    expect(r.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('strips comments, a plain DOCTYPE, unknown elements and attributes', () => {
    const r = sanitizeSvg(
      `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
      <svg ${NS} data-x="1"><!-- hi --><animate attributeName="x"/><rect width="1" foo="bar"/></svg>`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.svg).not.toMatch(/animate|foo|data-x|hi/);
    expect(r.stripped).toEqual(expect.arrayContaining(['DOCTYPE', 'comments', '<animate>']));
  });

  it('allows an embedded raster image and in-document references', () => {
    const r = sanitizeSvg(
      `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="data:image/png;base64,iVBORw0KGgo="/><use href="#a"/><rect style="fill:url('#g')"/></svg>`,
    );
    expect(r.ok).toBe(true);
  });

  it.each([
    ['<svg NS><script>1</script></svg>', /script/],
    ['<svg NS><SCRIPT>1</SCRIPT></svg>', /SCRIPT/],
    ['<svg NS><rect onclick="x()"/></svg>', /event handler/],
    ['<svg NS><a href="java&#x09;script:alert(1)"><rect/></a></svg>', /script URL/],
    ['<svg NS><use href="other.svg#x"/></svg>', /external reference/],
    ['<svg NS><rect fill="url(http://x/y#z)"/></svg>', /external reference/],
    ['<svg NS><style>rect{background:url(//x.example/a)}</style></svg>', /external reference/],
    ['<svg NS><style>@import "x.css";</style></svg>', /@import/],
    ['<svg NS><style>rect{fill:u\\72l(http://x)}</style></svg>', /external reference/],
    ['<svg NS><foreignObject/></svg>', /foreignObject/],
    ['<html><body/></html>', /not an SVG/],
    ['<svg NS><rect></svg>', /well-formed/],
    ['<!DOCTYPE svg [<!ENTITY a "b">]><svg NS/>', /DOCTYPE/],
  ])('refuses %s', (svg, reason) => {
    const r = sanitizeSvg(svg.replace('NS', NS));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('PNG recognition', () => {
  it('needs the signature and an IHDR with a size', () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    expect(isPng(png)).toBe(true);
    expect(isPng(png.subarray(0, 20))).toBe(false);
    const bad = Buffer.from(png);
    bad[1] = 0;
    expect(isPng(bad)).toBe(false);
  });
});

describe('SOP number patterns', () => {
  const parts = { prefix: 'SOP', unit: 'ARS', year: '2026', month: '11' };
  it('fills the placeholders and pads the counter', () => {
    expect(renderNumber('{prefix}/{unit}/{year}/{seq:3}', parts, 7)).toBe('SOP/ARS/2026/007');
    expect(renderNumber('{unit}-{month}{year}-{seq}', parts, 12)).toBe('ARS-112026-12');
    expect(renderNumber('{prefix}/{unit}/{year}/{seq:3}', parts, null)).toBe('SOP/ARS/2026/{seq}');
  });
  it('folds the separators an empty part leaves', () => {
    const none = { ...parts, unit: '' };
    expect(renderNumber('{prefix}/{unit}/{year}/{seq:3}', none, 1)).toBe('SOP/2026/001');
    expect(renderNumber('{unit}/{seq}', none, 1)).toBe('1');
  });
  it('checks patterns', () => {
    expect(patternProblem('{prefix}/{unit}/{year}/{seq:3}')).toBeNull();
    expect(patternProblem('')).toBeNull();
    expect(patternProblem('{prefix}/{year}')).toMatch(/seq/);
    expect(patternProblem('{seq}/{seq}')).toMatch(/once/);
    expect(patternProblem('{nomor}/{seq}')).toMatch(/unknown/);
    expect(patternProblem('{seq:9}')).toMatch(/1 to 8/);
    expect(patternProblem('{seq}}')).toMatch(/braces/);
  });
  it('unit codes default to initials', () => {
    expect(unitCodeFrom('Bidang Kearsipan')).toBe('BK');
    expect(unitCodeFrom('Seksi Pengolahan & Layanan Arsip')).toBe('SPLA');
    expect(unitCodeFrom('')).toBe('');
  });
});

describe('verification codes and canonical JSON', () => {
  it('codes use the unambiguous alphabet; typed codes are normalised', () => {
    for (let i = 0; i < 50; i++) {
      const c = newCode();
      expect(c).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
      expect(normalizeCode(formatCode(c).toLowerCase())).toBe(c);
    }
    expect(normalizeCode('K7Q2-9MX0')).toBeNull();
    expect(normalizeCode('K7Q2')).toBeNull();
  });
  it('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: 'é' })).toBe('{"b":"é"}');
  });
});
