import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { canTransition, type SopDoc } from '@shared/model/index';
import type { SopStatus } from '@shared/model/types';
import { BadgeCheck, ChevronDown } from 'lucide-react';
import { useCallback, useState, useSyncExternalStore } from 'react';
import { type ApproveResult, type SopCan, setStatus } from '../lib/workflowApi';
import { workflowErrorText } from './ApprovalChain';
import { ApproveDialog } from './ApproveDialog';
import { useReviewT } from './i18n';
import type { ReviewDeps } from './reviewTypes';
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

type Move = 'in_review' | 'draft' | 'revoked' | 'superseded';
/** The status moves of the menu and the right each needs (the server checks the same). */
const MENU: Array<{ to: Move; key: string; right: keyof SopCan }> = [
  { to: 'in_review', key: 'status.toReview', right: 'edit' },
  { to: 'draft', key: 'status.toDraft', right: 'edit' },
  { to: 'revoked', key: 'status.revoke', right: 'revoke' },
  { to: 'superseded', key: 'status.supersede', right: 'revoke' },
];

/**
 * Status badge (`sop-status`, with the moves this user may make in its menu)
 * and the approve button (`approve-button`, approvers of the SOP's unit only)
 * opening the approval dialog. Every change is a server operation
 * (`POST /status`, `/approve`); the new status arrives over the socket.
 */
export function StatusControl({
  deps,
  onApproved,
}: {
  deps: ReviewDeps;
  onApproved?: (r: ApproveResult) => void;
}) {
  const { t } = useReviewT();
  const status = useSopStatus(deps.sop);
  const [approving, setApproving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // approved → draft is "start revision" (banner), not a menu item.
  const moves = MENU.filter(
    (m) =>
      deps.can[m.right] &&
      canTransition(status, m.to) &&
      !(status === 'approved' && m.to === 'draft'),
  );
  const move = (to: Move) => {
    setError(null);
    setStatus(deps.sopId, to).catch((e: unknown) => setError(workflowErrorText(t, e)));
  };
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
                  move(m.to);
                }}
              >
                {t(m.key)}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {error && (
        <span className="form-error" role="alert" data-testid="sop-status-error">
          {error}
        </span>
      )}
      {deps.can.approve && canTransition(status, 'approved') && (
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
