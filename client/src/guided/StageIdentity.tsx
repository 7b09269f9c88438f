/** Stage 3, identity: what the regulation expects in each field (the form is shown below). */
import { identityFieldLabels } from '@shared/model/index';
import { useGuidedT } from './i18n';

const FIELDS = [
  'number',
  'agency',
  'unit',
  'createdDate',
  'revisedDate',
  'effectiveDate',
  'approvedBy',
  'legalBasis',
  'executorQualifications',
  'relatedSops',
  'equipment',
  'warnings',
  'records',
] as const;

const LABELS: Readonly<Record<string, { id: string; en: string }>> = {
  approvedBy: { id: 'Disahkan oleh', en: 'Approved by' },
  legalBasis: { id: 'Dasar Hukum', en: 'Legal basis' },
  executorQualifications: { id: 'Kualifikasi Pelaksana', en: 'Executor qualifications' },
  relatedSops: { id: 'Keterkaitan', en: 'Related SOPs' },
  equipment: { id: 'Peralatan/Perlengkapan', en: 'Equipment' },
  warnings: { id: 'Peringatan', en: 'Warnings' },
  records: { id: 'Pencatatan dan Pendataan', en: 'Records' },
};

export function StageIdentity() {
  const { t, i18n } = useGuidedT();
  const locale = i18n.language.startsWith('en') ? 'en' : 'id';
  return (
    <section className="guided-stage-body" aria-labelledby="guided-id-help">
      <h3 id="guided-id-help" className="guided-h3">
        {t('identity.helpTitle')}
      </h3>
      <dl className="guided-help" data-testid="guided-identity-help">
        {FIELDS.map((f) => (
          <div key={f}>
            <dt>{(LABELS[f] ?? identityFieldLabels[f])?.[locale] ?? f}</dt>
            <dd>{t(`identity.help.${f}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
