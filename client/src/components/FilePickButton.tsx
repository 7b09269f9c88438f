/**
 * A button that opens the file picker (the `<input type="file">` itself hidden, out of the
 * tab order): the agency logo, the .docx import. The input is cleared once `onFile` has
 * settled, so the same file can be picked again.
 */
import { type ReactNode, useRef } from 'react';

export function FilePickButton({
  accept,
  onFile,
  disabled,
  className = 'btn',
  inputTestId,
  testId,
  children,
}: {
  accept: string;
  onFile: (file: File) => Promise<void> | void;
  disabled?: boolean;
  className?: string;
  inputTestId: string;
  testId: string;
  children: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden
        onChange={async (e) => {
          const el = e.currentTarget;
          const f = el.files?.[0];
          if (!f) return;
          try {
            await onFile(f);
          } finally {
            el.value = '';
          }
        }}
        data-testid={inputTestId}
      />
      <button
        type="button"
        className={className}
        disabled={disabled}
        onClick={() => input.current?.click()}
        data-testid={testId}
      >
        {children}
      </button>
    </>
  );
}
