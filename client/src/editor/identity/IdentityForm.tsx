import type { IdentityTextField, ListField } from '@shared/model/types';
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { ConnectedCommentButton } from '../../discussion/CommentsContext';
import { LifecyclePanel } from '../../lifecycle/LifecyclePanel';
import { EditLockContext, useEditLocked } from '../../review/editLock';
import { IdentitySuggest } from '../../suggestions/IdentitySuggest';
import { YTextField } from '../binding/YTextField';
import { useIdentity, useSop } from '../model/hooks';
import { usePresenceStore } from '../presence/usePresence';
import { ListBoxEditor } from './ListBoxEditor';
import { SopNumberField } from './SopNumberField';
import './identity.css';

type DateKey = 'createdDate' | 'revisedDate' | 'effectiveDate';
const DATE_FIELDS: DateKey[] = ['createdDate', 'revisedDate', 'effectiveDate'];

/** The three rows of paired list boxes, as on the printed identity page. */
const LIST_PAIRS: Array<[ListField | 'relatedSops', ListField | 'relatedSops']> = [
  ['legalBasis', 'executorQualifications'],
  ['relatedSops', 'equipment'],
  ['warnings', 'records'],
];

/**
 * Identity section (SOP AP §1): every field bound live to the model. `sopId` lets an
 * administrator change the SOP number through the server.
 */
export const IdentityForm = memo(function IdentityForm({ sopId }: { sopId?: string }) {
  const { t } = useTranslation();
  const sop = useSop();
  const text = (f: IdentityTextField) => sop.identity.text(f);
  return (
    <section id="identity" className="editor-section card" aria-labelledby="identity-title">
      <h2 id="identity-title" className="section-title">
        {t('identity.title')}
      </h2>
      <div className="identity-grid">
        <div className="identity-col">
          <YTextField
            ytext={text('name')}
            label={t('identity.name')}
            presenceKey="identity.name"
            commentField="name"
            testId="sop-name"
            className="field-name"
            multiline
          />
          <SopNumberField sopId={sopId} />
          <YTextField
            ytext={text('agency')}
            label={t('identity.agency')}
            presenceKey="identity.agency"
            commentField="agency"
            testId="sop-agency"
          />
          <YTextField
            ytext={text('unit')}
            label={t('identity.unit')}
            presenceKey="identity.unit"
            commentField="unit"
            testId="sop-unit"
          />
        </div>
        <div className="identity-col">
          <div className="date-row">
            {DATE_FIELDS.map((f) => (
              <DateInput key={f} field={f} />
            ))}
          </div>
          <fieldset className="approver" data-identity-field="approvedBy">
            <legend className="field-label">{t('identity.approvedBy')}</legend>
            <ConnectedCommentButton
              anchor={{ kind: 'identity', field: 'approvedBy' }}
              className="approver-comment"
            />
            {/* Filled by the server from the approver's account at approval: never typed. */}
            <EditLockContext.Provider value={true}>
              <YTextField
                ytext={sop.identity.approverText('title')}
                label={t('identity.approverTitle')}
                presenceKey="identity.approvedBy.title"
              />
              <YTextField
                ytext={sop.identity.approverText('name')}
                label={t('identity.approverName')}
                presenceKey="identity.approvedBy.name"
              />
              <YTextField
                ytext={sop.identity.approverText('nip')}
                label={t('identity.approverNip')}
                presenceKey="identity.approvedBy.nip"
              />
            </EditLockContext.Provider>
          </fieldset>
        </div>
      </div>
      <div className="list-pairs">
        {LIST_PAIRS.map(([left, right]) => (
          <div className="list-pair" key={left}>
            <ListBoxEditor box={left} sopId={sopId} />
            <ListBoxEditor box={right} sopId={sopId} />
          </div>
        ))}
      </div>
      {/* After approval: schedule, monitoring, evaluation, read acknowledgement (issue 17). */}
      {sopId && <LifecyclePanel sopId={sopId} />}
    </section>
  );
});

/**
 * Dates are ISO strings in a Y.Text, entered through Susun's own date field (typed
 * dd/mm/yyyy, shown "30 November 2026"); a picked or typed date writes the whole value
 * (still a minimal diff inside the model).
 */
function DateInput({ field }: { field: DateKey }) {
  const { t } = useTranslation();
  const sop = useSop();
  const identity = useIdentity();
  const presence = usePresenceStore();
  const id = useId();
  const locked = useEditLocked();
  return (
    <div className="field" data-identity-field={field}>
      <div className="field-label-row">
        <label htmlFor={id} className="field-label">
          {t(`identity.${field}`)}
        </label>
        <ConnectedCommentButton anchor={{ kind: 'identity', field }} />
        <IdentitySuggest field={field} part="button" />
      </div>
      <DateField
        id={id}
        value={identity[field]}
        readOnly={locked}
        onChange={(iso) => sop.identity.set(field, iso)}
        onFocus={() => presence?.setFocus({ stepId: null, field: `identity.${field}` })}
        onBlur={() => presence?.setFocus(null)}
        testId={`identity-${field}`}
      />
      {/* suggestion mode (issue 16) */}
      <IdentitySuggest field={field} part="list" />
    </div>
  );
}
