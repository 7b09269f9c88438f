import i18n from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../lib/api';

/** Loads `fn()` now and on `reload()` (and when `key` changes); the last answer wins. */
export function useLoad<T>(fn: () => Promise<T>, key: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what is loaded.
  const reload = useCallback(() => {
    const n = ++seq.current;
    fnRef.current().then(
      (d) => {
        if (n !== seq.current) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => {
        if (n === seq.current) setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [key]);
  useEffect(() => {
    reload();
  }, [reload]);
  return { data, error, reload, setData };
}

/**
 * The message of a failed request: the server's error code in the interface language
 * when this area knows it (`lifecycle:errors.<code>`), else the server's message.
 */
export function errorText(e: unknown): string {
  if (e instanceof ApiError && e.code) {
    const key = `lifecycle:errors.${e.code}`;
    if (i18n.exists(key)) return i18n.t(key);
  }
  return e instanceof Error ? e.message : String(e);
}
