/** One line to add an entry (a decision, a candidate name): Enter or the button adds it. */
import { type KeyboardEvent, useState } from 'react';

export function InlineAdd({
  label,
  placeholder,
  addLabel,
  maxLength,
  testId,
  onAdd,
}: {
  /** The input's accessible name. */
  label: string;
  placeholder: string;
  addLabel: string;
  maxLength: number;
  testId: string;
  /** Adds the trimmed text; the input is cleared when it resolves truthy. */
  onAdd: (text: string) => Promise<unknown>;
}) {
  const [text, setText] = useState('');
  const add = async () => {
    const body = text.trim();
    if (body && (await onAdd(body))) setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter while an IME composes confirms the composition, not the entry.
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void add();
    }
  };
  return (
    <div className="guided-inline">
      <input
        className="input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        placeholder={placeholder}
        aria-label={label}
        maxLength={maxLength}
        data-testid={testId}
      />
      <button type="button" className="btn" onClick={() => void add()} disabled={!text.trim()}>
        {addLabel}
      </button>
    </div>
  );
}
