import type {
  Anchor,
  IdentityAnchorField,
  ResolvedAnchor,
  ThreadGroup,
} from '@shared/discussion/index';
import { identityFieldLabels, narrativeSectionTitles } from '@shared/model/index';
import type { TFunction } from 'i18next';

/** Human label of where a thread sits ("Langkah 3 · Waktu", "Identitas · Nama SOP"). */
export function anchorLabel(
  t: TFunction<'discussion'>,
  lang: string,
  anchor: Anchor,
  resolved: ResolvedAnchor | undefined,
): string {
  const locale = lang.startsWith('en') ? 'en' : 'id';
  switch (anchor.kind) {
    case 'step': {
      if (!resolved || resolved.state === 'deleted' || resolved.stepIndex === undefined) {
        return t('anchor.stepDeleted');
      }
      const n = resolved.stepIndex + 1;
      return anchor.field
        ? t('anchor.stepField', { n, field: t(`anchor.field.${anchor.field}`) })
        : t('anchor.step', { n });
    }
    case 'identity':
      return t('anchor.identity', {
        field: identityFieldLabels[anchor.field]?.[locale] ?? anchor.field,
      });
    case 'narrative':
      return t('anchor.narrative', {
        section: narrativeSectionTitles[anchor.section]?.[locale] ?? anchor.section,
      });
    default:
      return t('anchor.sop');
  }
}

/** Heading of a panel group (a step, an identity field, a narrative section, the SOP). */
export function groupLabel(t: TFunction<'discussion'>, lang: string, g: ThreadGroup): string {
  switch (g.kind) {
    case 'step':
      return g.deleted || g.stepIndex === undefined
        ? t('anchor.stepDeleted')
        : t('anchor.step', { n: g.stepIndex + 1 });
    case 'identity':
      return anchorLabel(
        t,
        lang,
        { kind: 'identity', field: g.ref as IdentityAnchorField },
        undefined,
      );
    case 'narrative':
      return anchorLabel(
        t,
        lang,
        { kind: 'narrative', section: g.ref, start: '', end: '', quote: '' },
        undefined,
      );
    default:
      return t('anchor.sop');
  }
}
