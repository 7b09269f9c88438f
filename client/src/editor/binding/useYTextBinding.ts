import { Origin } from '@shared/model/index';
import { displaySafe } from '@shared/model/text';
import { type RefObject, useLayoutEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { useEditLocked } from '../../review/editLock';
import { type DeltaOp, diffText, transformPosition } from './textDiff';

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/**
 * Binds an uncontrolled `<input>` or `<textarea>` to a `Y.Text`, both ways.
 *
 * - Local typing becomes the minimal Yjs edit (caret-aware diff) in one
 *   transaction with the local origin, so undo tracks it and a collaborator's
 *   concurrent typing in the same field is kept.
 * - Remote edits rewrite the element's value and move the caret/selection
 *   through the edit's delta, so the local user's caret stays where it was.
 * - The element is uncontrolled: typing never re-renders React.
 */
export function useYTextBinding<T extends TextControl>(
  ytext: Y.Text | null | undefined,
  origin: unknown = Origin.local,
): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  // An approved SOP is read-only (focusable and copyable still, unlike disabled).
  const locked = useEditLocked();
  useLayoutEffect(() => {
    if (ref.current) ref.current.readOnly = locked;
  }, [locked]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !ytext) return;
    const doc = ytext.doc;
    let mirrored = ytext.toString();
    el.value = mirrored;
    let applying = false;
    let composing = false;
    let pendingRemote = false;

    const onInput = () => {
      // Intermediate IME text is not sent; the composed result is, at compositionend.
      if (composing) return;
      // Bidi override/embedding controls (a pasted U+202E shows the rest of a cell
      // reversed) never enter the document from here; the caret keeps its place.
      if (BIDI.test(el.value)) {
        const caret = el.selectionEnd ?? el.value.length;
        const before = displaySafe(el.value.slice(0, caret)).length;
        el.value = displaySafe(el.value);
        el.setSelectionRange(before, before);
      }
      const value = el.value;
      const edit = diffText(mirrored, value, el.selectionEnd);
      mirrored = value;
      if (!edit) return;
      applying = true;
      try {
        const apply = () => {
          if (edit.remove > 0) ytext.delete(edit.index, edit.remove);
          if (edit.insert) ytext.insert(edit.index, edit.insert);
        };
        if (doc) doc.transact(apply, origin);
        else apply();
      } finally {
        applying = false;
      }
    };

    const syncFromModel = (delta: readonly DeltaOp[] | null) => {
      const next = ytext.toString();
      if (el.value === next) {
        mirrored = next;
        return;
      }
      if (document.activeElement === el && delta) {
        const start = el.selectionStart ?? next.length;
        const end = el.selectionEnd ?? start;
        const dir = el.selectionDirection ?? 'none';
        el.value = next;
        el.setSelectionRange(transformPosition(start, delta), transformPosition(end, delta), dir);
      } else {
        el.value = next;
      }
      mirrored = next;
    };

    const observer = (event: Y.YTextEvent) => {
      if (applying) return;
      // Rewriting the value mid-composition would break the IME: apply afterwards.
      if (composing) {
        pendingRemote = true;
        return;
      }
      syncFromModel(event.delta as DeltaOp[]);
    };
    const onCompositionStart = () => {
      composing = true;
    };
    const onCompositionEnd = () => {
      composing = false;
      onInput();
      if (pendingRemote) {
        pendingRemote = false;
        syncFromModel(null);
      }
    };

    ytext.observe(observer);
    el.addEventListener('input', onInput);
    el.addEventListener('compositionstart', onCompositionStart);
    el.addEventListener('compositionend', onCompositionEnd);
    return () => {
      ytext.unobserve(observer);
      el.removeEventListener('input', onInput);
      el.removeEventListener('compositionstart', onCompositionStart);
      el.removeEventListener('compositionend', onCompositionEnd);
    };
  }, [ytext, origin]);

  return ref;
}
