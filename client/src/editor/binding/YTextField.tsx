import type { IdentityAnchorField } from '@shared/discussion/index';
import { type CSSProperties, memo, useId } from 'react';
import type * as Y from 'yjs';
import { ConnectedCommentButton } from '../../discussion/CommentsContext';
import { IdentitySuggest } from '../../suggestions/IdentitySuggest';
import { usePeersOnField, usePresenceStore } from '../presence/usePresence';
import { useYTextBinding } from './useYTextBinding';

interface YTextFieldProps {
  ytext: Y.Text;
  label: string;
  /** Presence key published while focused, e.g. `identity.name`. */
  presenceKey: string;
  multiline?: boolean;
  testId?: string;
  placeholder?: string;
  className?: string;
  /** Hide the visible label (still the accessible name). */
  hideLabel?: boolean;
  /** Identity field this input shows: adds a comment button and `data-identity-field`. */
  commentField?: IdentityAnchorField;
}

/**
 * A labelled text field bound live to a Y.Text, publishing its focus in
 * awareness and outlined in the colour of another user editing it.
 */
export const YTextField = memo(function YTextField({
  ytext,
  label,
  presenceKey,
  multiline,
  testId,
  placeholder,
  className,
  hideLabel,
  commentField,
}: YTextFieldProps) {
  const id = useId();
  const inputRef = useYTextBinding<HTMLInputElement>(multiline ? null : ytext);
  const areaRef = useYTextBinding<HTMLTextAreaElement>(multiline ? ytext : null);
  const presence = usePresenceStore();
  const peers = usePeersOnField(presenceKey);
  const peer = peers[0];
  const style = peer ? ({ '--peer-color': peer.color } as CSSProperties) : undefined;
  const common = {
    id,
    'data-testid': testId,
    placeholder,
    onFocus: () => presence?.setFocus({ stepId: null, field: presenceKey }),
    onBlur: () => presence?.setFocus(null),
  };
  return (
    <div
      className={`field ${peer ? 'has-peer' : ''} ${className ?? ''}`}
      style={style}
      data-identity-field={commentField}
    >
      {commentField ? (
        <div className="field-label-row">
          <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
            {label}
          </label>
          <ConnectedCommentButton anchor={{ kind: 'identity', field: commentField }} />
          <IdentitySuggest field={commentField} part="button" />
        </div>
      ) : (
        <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
          {label}
        </label>
      )}
      <div className="field-control">
        {multiline ? (
          <textarea ref={areaRef} className="textarea" rows={1} {...common} />
        ) : (
          <input ref={inputRef} className="input" {...common} />
        )}
        {peer && (
          <span className="peer-tag" aria-hidden>
            {peer.name}
          </span>
        )}
      </div>
      {/* suggestion mode (issue 16): open suggestions on this identity field */}
      {commentField && <IdentitySuggest field={commentField} part="list" />}
    </div>
  );
});
