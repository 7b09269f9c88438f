/** Types shared by the review UI: what it needs from the editor, and the live review API. */

import type {
  Author,
  Discussion,
  ReviewSession,
  ReviewSessions,
  Verdict,
} from '@shared/discussion/index';
import type { SopDoc } from '@shared/model/index';
import type { Awareness } from 'y-protocols/awareness';
import type { SendCommand } from '../lib/commands';
import type { SopCan } from '../lib/workflowApi';
import type { ReviewPeer } from './presenterAwareness';

/** What the review UI needs from the editor. */
export interface ReviewDeps {
  sopId: string;
  sop: SopDoc;
  /** The CONTENT doc's awareness (presenter position travels here, never stored). */
  awareness: Awareness;
  /** The synced discussion doc, read only (the server writes it; changes go through `send`). */
  discussion: Discussion;
  review: ReviewSessions;
  /** The discussion command client (`POST /api/sops/:id/discussion`). */
  send: SendCommand;
  /** What this user may do on this SOP (mirrors the server's rules). */
  can: SopCan;
  /** The signed-in person (or meeting guest) as author. */
  user: Author;
  /** Their account profile (Disahkan oleh is filled from it by the server). */
  profile?: { name: string; title: string; nip: string | null };
  /** Resolves once the server has stored this replica's content changes (see CollabSession). */
  waitSaved?: () => Promise<void>;
}

/** The live review state and its actions (`ReviewContext` carries it). */
export interface ReviewApi {
  deps: ReviewDeps;
  /** The running session, if any. */
  session: ReviewSession | null;
  isPresenter: boolean;
  /** The presenter is connected (publishing in awareness). */
  presenterOnline: boolean;
  presenterStepId: string | null;
  following: boolean;
  /** Participants connected now (awareness), this user included. */
  online: readonly ReviewPeer[];
  /** A session this user took part in that ended while they watched (for the summary dialog). */
  endedSession: ReviewSession | null;
  /** This user ended it. */
  endedByMe: boolean;
  /**
   * The 'review' version the server stored when this user ended the session:
   * undefined while the answer is pending, null when ending failed.
   */
  endedVersionId: string | null | undefined;
  start(): void;
  end(): void;
  follow(on: boolean): void;
  /** Presenter: show step `stepId` (`scroll: false` when the page is already there). */
  moveTo(stepId: string | null, opts?: { scroll?: boolean }): void;
  moveBy(delta: 1 | -1): void;
  handTo(to: Author): void;
  takeOver(): void;
  /**
   * Resolves false when the server refused it (already reported). A 'change' may carry
   * suggested new wording of the step's Kegiatan (issue 16).
   */
  setVerdict(
    stepId: string,
    verdict: Verdict,
    comment?: string,
    suggestion?: { field: 'activity'; text: string },
  ): Promise<boolean>;
  /** Resolves false when the server refused it (already reported). */
  clearVerdict(stepId: string): Promise<boolean>;
  dismissSummary(): void;
}
