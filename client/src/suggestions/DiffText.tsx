import { diffArrays, diffWordsWithSpace } from 'diff';
import { memo, useMemo } from 'react';

/**
 * Word-level difference between two texts: removed words struck through
 * (`<del>`), added words underlined (`<ins>`), the rest as is. Whitespace is
 * kept, so line breaks of a list show as lines.
 */
export const DiffText = memo(function DiffText({ from, to }: { from: string; to: string }) {
  const parts = useMemo(() => diffWordsWithSpace(from, to), [from, to]);
  return (
    <span className="sg-diff">
      {parts.map((p, i) =>
        p.added ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff, in order
          <ins key={i} className="sg-ins">
            {p.value}
          </ins>
        ) : p.removed ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff, in order
          <del key={i} className="sg-del">
            {p.value}
          </del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff, in order
          <span key={i}>{p.value}</span>
        ),
      )}
    </span>
  );
});

/**
 * Difference between two lists (a list box), item by item: kept items as they are,
 * removed ones struck through, added ones underlined; an item replaced by one other
 * item shows its word-level difference.
 */
export const ListDiff = memo(function ListDiff({
  from,
  to,
}: {
  from: readonly string[];
  to: readonly string[];
}) {
  const lines = useMemo(() => {
    const out: Array<{ kind: 'same' | 'add' | 'del' | 'edit'; from: string; to: string }> = [];
    const parts = diffArrays([...from], [...to]);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (!p) continue;
      const next = parts[i + 1];
      if (p.removed && next?.added && next.value.length === p.value.length) {
        p.value.forEach((v, k) => {
          out.push({ kind: 'edit', from: v, to: next.value[k] ?? '' });
        });
        i++;
      } else
        for (const v of p.value)
          out.push({ kind: p.added ? 'add' : p.removed ? 'del' : 'same', from: v, to: v });
    }
    return out;
  }, [from, to]);
  return (
    <ol className="sg-list-diff">
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one diff, in order
        <li key={i} className={`sg-list-${l.kind}`}>
          {l.kind === 'edit' ? (
            <DiffText from={l.from} to={l.to} />
          ) : l.kind === 'add' ? (
            <ins className="sg-ins">{l.to}</ins>
          ) : l.kind === 'del' ? (
            <del className="sg-del">{l.from}</del>
          ) : (
            l.from
          )}
        </li>
      ))}
    </ol>
  );
});
