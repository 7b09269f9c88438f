import { diffSnapshots, summarizeDiff } from '@shared/model/diff';
import type { SopDoc } from '@shared/model/index';
import { FileDiff } from 'lucide-react';
import { useEffect, useState } from 'react';
import { summaryText } from '../history/changeText';
import { formatWhen, useCompareT } from '../history/compareI18n';
import { useReviewT } from './i18n';
import { getVersion, listVersions, type VersionListItem } from './versionsApi';

type Load =
  | { state: 'loading' }
  | { state: 'first' }
  | { state: 'failed' }
  | { state: 'ok'; version: VersionListItem; summary: string };

/**
 * In the approval dialog of a revision: what changed since the last approved version,
 * in a few words, and the printable *daftar perubahan* (`/sop/:id/changes?from=&to=current`)
 * to read before signing and to attach to the approval. A first approval has nothing to
 * compare with and says so.
 */
export function ChangesSinceApproved({ sopId, sop }: { sopId: string; sop: SopDoc }) {
  const { t, i18n } = useReviewT();
  const { t: tc } = useCompareT();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    const ac = new AbortController();
    let live = true;
    (async () => {
      const versions = await listVersions(sopId, ac.signal);
      // newest first
      const last = versions.find((v) => v.kind === 'approved');
      if (!last) return { state: 'first' } as const;
      const detail = await getVersion(sopId, last.id);
      const diff = diffSnapshots(detail.snapshot, sop.toSnapshot());
      return {
        state: 'ok',
        version: last,
        summary: summaryText(tc, { ...summarizeDiff(diff), base: last.id }) ?? '',
      } as const;
    })().then(
      (l) => live && setLoad(l),
      () => live && setLoad({ state: 'failed' }),
    );
    return () => {
      live = false;
      ac.abort();
    };
  }, [sopId, sop, tc]);

  if (load.state === 'loading' || load.state === 'first') return null;
  if (load.state === 'failed') return <p className="rv-muted">{t('approve.changesFailed')}</p>;
  const href = `/sop/${encodeURIComponent(sopId)}/changes?from=${encodeURIComponent(load.version.id)}&to=current`;
  return (
    <div className="rv-changes" data-testid="approve-changes">
      <p className="rv-h">
        <FileDiff aria-hidden />{' '}
        {t('approve.changesSince', {
          when: formatWhen(load.version.createdAt, i18n.language),
        })}
      </p>
      <p data-testid="approve-changes-summary">{load.summary}</p>
      <a
        className="btn btn-sm"
        href={href}
        target="_blank"
        rel="noreferrer"
        data-testid="approve-changes-link"
      >
        {t('approve.changesOpen')}
      </a>
    </div>
  );
}
