import type { DiffPart } from '@shared/model/diff';
import { wordDiff } from '@shared/model/diffText';
import { displaySafe } from '@shared/model/index';

/**
 * A word-level diff inline: deleted words struck through, inserted ones underlined
 * (readable without colour, so it prints). `parts` or two texts to diff.
 */
export function WordDiff({
  parts,
  from,
  to,
  empty,
}: {
  parts?: readonly DiffPart[] | undefined;
  from?: string;
  to?: string;
  /** Shown when both sides are empty. */
  empty?: string;
}) {
  const list = parts ?? wordDiff(from ?? '', to ?? '');
  if (list.length === 0) return <span className="wd-empty">{empty ?? ''}</span>;
  return (
    <span className="word-diff">
      {list.map((p, i) => {
        const text = displaySafe(p.text);
        const key = `${i}-${p.op}`;
        if (p.op === 'del')
          return (
            <del key={key} className="wd-del">
              {text}
            </del>
          );
        if (p.op === 'ins')
          return (
            <ins key={key} className="wd-ins">
              {text}
            </ins>
          );
        return <span key={key}>{text}</span>;
      })}
    </span>
  );
}
