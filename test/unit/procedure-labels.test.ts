/**
 * Procedure table labels (issue 15, "stay fast"): the rows take their words from
 * one set translated per table, not from `t()` per row and cell. The set must say
 * exactly what `t()` says, for any step number, in both languages.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { rowLabels } from '../../client/src/editor/procedure/rowLabels';
import en from '../../client/src/i18n/en';
import id from '../../client/src/i18n/id';

async function translator(lng: 'id' | 'en') {
  const inst = i18next.createInstance();
  await inst.init({
    lng,
    resources: { id: { translation: id }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return inst.t;
}

describe('row labels', () => {
  for (const lng of ['id', 'en'] as const) {
    it(`match t() in '${lng}' for numbered labels, cells and units`, async () => {
      const t = await translator(lng);
      const labels = rowLabels(t);
      for (const n of [1, 7, 150, 300]) {
        expect(labels.dragHandle(n)).toBe(t('steps.dragHandle', { n }));
        expect(labels.deleteStep(n)).toBe(t('steps.delete', { n }));
        expect(labels.timeAmount(n)).toBe(t('steps.timeAmount', { n }));
        expect(labels.timeUnit(n)).toBe(t('steps.timeUnit', { n }));
        expect(labels.stepLabel(n)).toBe(t('steps.stepLabel', { n }));
        for (const field of [
          'activity',
          'actor',
          'kind',
          'requirements',
          'output',
          'notes',
        ] as const)
          expect(labels.cell(labels[field], n)).toBe(
            t('steps.cellLabel', { field: t(`steps.${field}`), n }),
          );
      }
      expect(labels.units.hour).toBe(t('steps.units.hour'));
      expect(labels.editing('Siti Rahma')).toBe(t('presence.editing', { name: 'Siti Rahma' }));
      expect(labels.kinds.terminator.replace('\u200b', '')).toBe(t('steps.kinds.terminator'));
    });
  }
});
