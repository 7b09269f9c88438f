import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { BadgeCheck, ChevronDown } from 'lucide-react';
import { useCallback, useState, useSyncExternalStore } from 'react';
import { canTransition, type SopDoc, transition } from '../../../shared/model/index';
import type { SopStatus } from '../../../shared/model/types';
import { ApproveDialog } from './ApproveDialog';
import { useReviewT } from './i18n';
import type { ReviewDeps } from './useReviewSession';
import type { VersionListItem } from './versionsApi';
import './review.css';

/** The SOP's live status. */
export function useSopStatus(sop: SopDoc): SopStatus {
  const sub = useCallback((cb: () => void) => sop.meta.observe(cb), [sop]);
  const get = () => sop.meta.get().status;
  return useSyncExternalStore(sub, get, get);
}

const PILL: Record<SopStatus, string> = {
  draft: 'pill pill-primary',
  in_review: 'pill pill-warning',
  approved: 'pill pill-success',
  revoked: 'pill pill-danger',
  superseded: 'pill pill-danger',
};

const MENU: Array<{ to: Exclude<SopStatus, 'approved'>; key: string }> = [
  { to: 'in_review', key: 'status.toReview' },
  { to: 'draft', key: 'status.toDraft' },
  { to: 'revoked', key: 'status.revoke' },
  { to: 'superseded', key: 'status.supersede' },
];

/**
 * Status badge (`sop-status`, with the workflow's allowed moves in its menu)
 * and the approve button (`approve-button`) opening the approval dialog.
 * Replaces a free status picker: every change goes through the workflow table.
 */
export function StatusControl({
  deps,
  onApproved,
}: {
  deps: ReviewDeps;
  onApproved?: (v: VersionListItem) => void;
}) {
  const { t } = useReviewT();
  const status = useSopStatus(deps.sop);
  const [approving, setApproving] = useState(false);
  // approved → draft is "start revision" (banner), not a menu item.
  const moves = MENU.filter(
    (m) => canTransition(status, m.to) && !(status === 'approved' && m.to === 'draft'),
  );
  return (
    <span className="rv-status">
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild disabled={moves.length === 0}>
          <button
            type="button"
            className={`${PILL[status]} pill-button`}
            data-testid="sop-status"
            data-status={status}
            aria-label={`${t('status.label')}: ${t(`status.${status}`)}`}
          >
            {t(`status.${status}`)}
            {moves.length > 0 && <ChevronDown aria-hidden />}
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu-content" sideOffset={6}>
            <DropdownMenu.Label className="menu-label">{t('status.menu')}</DropdownMenu.Label>
            {moves.map((m) => (
              <DropdownMenu.Item
                key={m.to}
                className="menu-item"
                data-testid={`sop-status-${m.to}`}
                onSelect={() => {
                  const final = m.to === 'revoked' || m.to === 'superseded';
                  if (final && !window.confirm(t('status.confirmFinal'))) return;
                  transition(deps.sop, m.to);
                }}
              >
                {t(m.key)}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {canTransition(status, 'approved') && (
        <button
          type="button"
          className="btn btn-sm btn-primary"
          data-testid="approve-button"
          onClick={() => setApproving(true)}
        >
          <BadgeCheck aria-hidden />
          {t('approve.button')}
        </button>
      )}
      <ApproveDialog
        deps={deps}
        open={approving}
        onOpenChange={setApproving}
        {...(onApproved ? { onApproved } : {})}
      />
    </span>
  );
}
