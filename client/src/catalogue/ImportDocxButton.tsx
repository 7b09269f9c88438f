/**
 * "Impor Word" on the list page (issue 17): pick a .docx, the server reads it into a draft
 * SOP; a dialog then lists what could not be read, row by row, with a link to the draft.
 */
import { FileUp } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { DialogShell } from '../components/DialogShell';
import { FilePickButton } from '../components/FilePickButton';
import { ApiError } from '../lib/api';
import { type ImportWarning, importDocx } from './catalogueApi';

/** The server's limit (MAX_BODY_BYTES default); a larger file is refused before upload. */
const MAX_MIB = 8;

export function ImportDocxButton({
  onImported,
  onError,
}: {
  onImported(): void;
  onError(message: string): void;
}) {
  const { t } = useTranslation('catalogue');
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ id: string; name: string; warnings: ImportWarning[] } | null>(
    null,
  );

  async function upload(file: File) {
    if (file.size > MAX_MIB * 1024 * 1024) {
      onError(t('import.errors.docx_too_large', { limit: MAX_MIB }));
      return;
    }
    setBusy(true);
    try {
      const r = await importDocx(file);
      setDone({ ...r, name: file.name.replace(/\.docx$/i, '') });
      onImported();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : undefined;
      const key = code && code in ERRORS ? code : 'generic';
      onError(t(`import.errors.${key}`, { limit: MAX_MIB }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <FilePickButton
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        onFile={upload}
        disabled={busy}
        inputTestId="import-docx-input"
        testId="import-docx"
      >
        <FileUp aria-hidden />
        {busy ? t('import.busy') : t('import.button')}
      </FilePickButton>
      <DialogShell
        open={done !== null}
        onOpenChange={(o) => {
          if (!o) setDone(null);
        }}
        title={t('import.title')}
        description={done ? t('import.description', { name: done.name }) : ''}
        closeLabel={t('import.close')}
        testId="import-result"
      >
        {done && (
          <>
            {done.warnings.length === 0 ? (
              <p>{t('import.noWarnings')}</p>
            ) : (
              <>
                <p>{t('import.warnings', { count: done.warnings.length })}</p>
                <ul className="import-warnings" data-testid="import-warnings">
                  {done.warnings.map((w, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
                    <li key={i}>
                      <strong>
                        {w.row === null ? t('import.general') : t('import.row', { row: w.row })}
                      </strong>
                      {': '}
                      {w.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => setDone(null)}>
                {t('import.close')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => navigate(`/sop/${encodeURIComponent(done.id)}`)}
                data-testid="import-open"
              >
                {t('import.open')}
              </button>
            </div>
          </>
        )}
      </DialogShell>
    </>
  );
}

const ERRORS = {
  docx_too_large: 1,
  not_docx: 1,
  corrupt_docx: 1,
  not_an_sop: 1,
  docx_too_complex: 1,
  import_busy: 1,
};
